// Runs a lesson's Java cells: Run / Stop / Reset / Run all above / Restore per cell, an output
// pane, diagnostics in the editor and completion from the page's session. One session per open
// lesson page (a fresh id per page load) over one WebSocket; cells share declarations like a
// notebook until Reset. Cells that ran are marked stale when they, or a cell above them, changed
// since (as Livebook does). When the session's worker is gone (idle expiry, parking, crash,
// server restart) the next run says why and offers to run the cells above again.
//
// Wire protocol (server: otplab.runner.RunRoutes; status words: otplab.protocol.RunStatus): send {type: "run", session, cell, code, timeoutMs?, resume?},
// {type: "stop", session}, {type: "reset", session}; receive "queued" (position, estimateSeconds), "started", "out" pieces,
// then "result" (or "error"), and "reset"; with resume (the page has run cells in this session)
// a session whose worker is gone answers {type: "lost", reason} instead of running.
import { EditorState, StateEffect } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { setDiagnostics } from "@codemirror/lint";
import { cells, onCell, setupCells } from "./cells.js";
import { OutputPane } from "./output-pane.js";
import { reportCellRan } from "./progress.js";

const SOCKET_PATH = "/ws/run";
const COMPLETE_PATH = "/api/complete";
const COMPLETION_WORD = /[\w$]*$/;

/** WebSocket close code for a message over the server's size limit (RFC 6455). */
const MESSAGE_TOO_BIG = 1009;

function newSessionId() {
  const random = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : String(Math.random()).slice(2);
  return "page-" + random.replace(/[^A-Za-z0-9]/g, "").slice(0, 40);
}

/** The page's session: one socket, runs one at a time in page order of request. */
class Session {
  constructor() {
    this.id = newSessionId();
    this.socket = null;
    this.opening = null;
    this.current = null;
    this.queue = Promise.resolve();
    this.prepared = false;
    // Whether the server's session holds this page's declarations: then a run asks the server to
    // say so (resume) when they are gone instead of running without them.
    this.hasState = false;
    this.resetWaiters = [];
    this.handlers = {};
  }

  /** Calls handler(message) for every message of this type (the page panels' answers and pushes). */
  on(type, handler) {
    this.handlers[type] = handler;
  }

  connect() {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    if (this.opening) return this.opening;
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    this.opening = new Promise((resolve, reject) => {
      const socket = new WebSocket(`${scheme}//${window.location.host}${SOCKET_PATH}`);
      socket.addEventListener("open", () => {
        this.socket = socket;
        this.opening = null;
        resolve(socket);
      });
      socket.addEventListener("message", (event) => this.receive(event.data));
      socket.addEventListener("close", (event) => {
        const wasOpen = this.socket === socket;
        if (wasOpen) this.socket = null;
        this.opening = null;
        reject(new Error("cannot reach the server"));
        // The server may have restarted: the next run (resume) asks whether the declarations survived.
        this.prepared = false;
        if (!this.current) return;
        if (event.code === MESSAGE_TOO_BIG) {
          const size = new TextEncoder().encode(this.current.code).length;
          this.current.fail(`This cell is ${(size / 1024).toFixed(1)} KiB of code, too large for the server to accept: split it into smaller cells.`);
        } else {
          this.current.fail("The connection to the server was lost; run the cell again.");
        }
      });
    });
    return this.opening;
  }

  async send(message) {
    const socket = await this.connect();
    socket.send(JSON.stringify({ ...message, session: this.id }));
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === "reset") {
      this.resetWaiters.splice(0).forEach((resolve) => resolve());
      return;
    }
    if (message.type === "shutdown") {
      showServerNotice(message.message || "The server is shutting down.");
      return;
    }
    if (this.handlers[message.type]) {
      this.handlers[message.type](message);
      return;
    }
    const run = this.current;
    if (!run || (message.cell && message.cell !== run.key)) return;
    switch (message.type) {
      case "queued": run.listener.queued(message); break;
      case "started": run.listener.started(); break;
      case "out": run.listener.output(message.stream, message.text); break;
      case "result":
        this.hasState = true;
        run.finish(message);
        break;
      case "lost":
        this.hasState = false;
        this.prepared = false;
        run.finish({ type: "result", status: "lost", reason: message.reason || "the server no longer knows this page", stdout: "", stderr: "", diagnostics: [], values: [] });
        break;
      case "error": run.fail(message.error || "The run failed."); break;
      default: break;
    }
  }

  /** Queues a run; resolves with the result message (a status of "error" when the run could not happen). */
  run(key, code, listener, timeoutMs) {
    const task = () => new Promise((resolve) => {
      const run = {
        key,
        code,
        listener,
        finish: (result) => {
          if (this.current === run) this.current = null;
          resolve(result);
        },
        fail: (error) => run.finish({ type: "result", status: "error", stdout: "", stderr: "", diagnostics: [], values: [], error }),
      };
      this.current = run;
      this.send({ type: "run", cell: key, code, timeoutMs, resume: this.hasState || undefined }).catch(() => run.fail("Cannot reach the server; is it running?"));
    });
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  stop() {
    if (this.current) this.send({ type: "stop" }).catch(() => undefined);
  }

  reset() {
    this.prepared = false;
    this.hasState = false;
    return new Promise((resolve) => {
      this.resetWaiters.push(resolve);
      this.send({ type: "reset" }).catch(() => resolve());
    });
  }

  /** Runs the lesson's setup cells once per session, before the learner's first run. */
  async prepare(upTo, listener) {
    if (this.prepared) return null;
    this.prepared = true;
    for (const setup of setupCells) {
      if (setup.id === upTo) break;
      const result = await this.run("setup-" + setup.id, setup.code, listener, setup.timeoutMs);
      if (result.status === "lost") {
        this.prepared = false;
        return result;
      }
      if (result.status !== "ok") {
        this.prepared = false;
        return { ...result, error: `The lesson's setup cell "${setup.id}" failed: ${result.error || result.status}` };
      }
    }
    return null;
  }

  /** Tells the server the page is gone so its worker is freed at once. */
  end() {
    if (navigator.sendBeacon) navigator.sendBeacon(`/api/sessions/${this.id}/reset`);
  }
}

/** The running indicator while a run waits for a worker: its place in line and the server's estimate, when the server sent them. */
function waitingText(place) {
  const base = place && place.line === "own" ? "Waiting for your other runs to finish…" : "Waiting for a free worker…";
  if (!place || !place.position) return base;
  const seconds = place.estimateSeconds ? `, about ${place.estimateSeconds} s` : "";
  return `${base} (${ordinal(place.position)} in line${seconds})`;
}

function ordinal(n) {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th"}`;
}

function button(text, label, className) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `cell-button ${className}`;
  element.textContent = text;
  element.setAttribute("aria-label", label);
  return element;
}

function completionSource(session) {
  return async (context) => {
    const word = context.matchBefore(/[\w$]+$/);
    const afterDot = context.matchBefore(/\.$/);
    if (!context.explicit && !word && !afterDot) return null;
    let answer;
    try {
      const response = await fetch(COMPLETE_PATH, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ session: session.id, code: context.state.doc.toString(), cursor: context.pos }),
      });
      if (!response.ok) return null;
      answer = await response.json();
    } catch {
      return null;
    }
    if (context.aborted || !Array.isArray(answer.items) || answer.items.length === 0) return null;
    const seen = new Set();
    const options = [];
    for (const item of answer.items) {
      const label = item.replace(/\($/, "");
      if (seen.has(label)) continue;
      seen.add(label);
      options.push({ label, apply: item, type: item.endsWith("(") ? "method" : /^[A-Z]/.test(item) ? "class" : "variable" });
    }
    return { from: Math.min(answer.anchor, context.pos), options, validFor: COMPLETION_WORD };
  };
}

function toCodeMirror(doc, diagnostics) {
  const position = (line, column) => {
    const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(target.from + Math.max(column, 1) - 1, target.to);
  };
  return diagnostics.map((d) => {
    const from = position(d.line, d.column);
    let to = position(d.endLine || d.line, d.endColumn || d.column);
    if (to <= from) to = Math.min(from + 1, doc.line(Math.min(Math.max(d.line, 1), doc.lines)).to);
    return { from, to: Math.max(to, from), severity: d.severity === "warning" ? "warning" : "error", message: d.message };
  });
}

/** What the page knows of each runnable cell's last run, in page order: for stale marks and replays. */
const notebook = { controllers: new Map(), sequence: 0 };

function controllersAbove(cell) {
  const above = [];
  for (const other of cells.values()) {
    if (other === cell) break;
    const controller = notebook.controllers.get(other.id);
    if (controller) above.push(controller);
  }
  return above;
}

/** Forgets every cell's run: the session that held their declarations is gone. */
function forgetRuns() {
  for (const controller of notebook.controllers.values()) {
    controller.ranCode = null;
    controller.ranAt = 0;
  }
  markStale();
}

/**
 * A cell that ran is stale when its code was edited since, or when a cell above it was edited or
 * ran again after it: what it printed may no longer be what it would print.
 */
function markStale() {
  let aboveEdited = false;
  let aboveLatest = 0;
  for (const cell of cells.values()) {
    const controller = notebook.controllers.get(cell.id);
    if (!controller) continue;
    const code = cell.getCode();
    let reason = "";
    if (controller.ranCode !== null) {
      if (code !== controller.ranCode) reason = "Edited since it ran";
      else if (aboveEdited || aboveLatest > controller.ranAt) reason = "A cell above changed since this ran";
    }
    controller.showStale(reason);
    if (controller.ranCode !== null) {
      aboveEdited = aboveEdited || code !== controller.ranCode;
      aboveLatest = Math.max(aboveLatest, controller.ranAt);
    }
  }
}

/**
 * Runs the cells above {@code cell} in page order (those whose lesson expects them to finish
 * cleanly; a cell written to fail or loop is skipped), stopping at the first that does not.
 * Resolves with null, or with the number of the cell that failed.
 */
async function runAbove(cell) {
  for (const controller of controllersAbove(cell)) {
    if (controller.cell.setup || controller.cell.expectedStatus !== "ok") continue;
    const result = await controller.execute(controller.cell.getCode());
    if (result.status !== "ok") return controller.cell.number;
  }
  return null;
}

function attach(cell, session) {
  if (!cell.runnable || !cell.toolbar || !cell.output) return;
  const pane = new OutputPane(cell);
  const run = button("Run", `Run Java cell ${cell.number} (Ctrl+Enter)`, "cell-run");
  const stop = button("Stop", `Stop Java cell ${cell.number}`, "cell-stop");
  const reset = button("Reset", "Reset the session: forget every class and variable of this page's cells", "cell-reset");
  const above = button("Run all above", `Run all above Java cell ${cell.number}, in order`, "cell-run-above");
  const restore = button("Restore", `Restore the original code of Java cell ${cell.number} (Ctrl+Z undoes it)`, "cell-restore");
  const stale = document.createElement("span");
  stale.className = "cell-stale";
  stale.hidden = true;
  const indicator = document.createElement("span");
  indicator.className = "cell-indicator";
  indicator.hidden = true;
  stop.disabled = true;
  // Cells mount in page order, so every runnable cell above is attached already.
  above.hidden = controllersAbove(cell).length === 0;
  restore.disabled = cell.getCode() === cell.originalCode;
  cell.toolbar.append(stale, indicator, run, stop, above, restore, reset);

  // One data object for the editor's life: the completion plugin tells its sources apart by identity.
  const completionData = [{ autocomplete: completionSource(session) }];
  cell.view.dispatch({ effects: StateEffect.appendConfig.of([
    EditorState.languageData.of(() => completionData),
    EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      restore.disabled = cell.getCode() === cell.originalCode;
      markStale();
    }),
  ]) });

  let busy = false;
  const setBusy = (on, text) => {
    busy = on;
    run.disabled = on;
    stop.disabled = !on;
    indicator.hidden = !on;
    indicator.textContent = text || "";
    cell.element.classList.toggle("is-running", on);
    cell.element.setAttribute("aria-busy", on ? "true" : "false");
  };

  let streamed = false;
  const listener = {
    queued: (place) => setBusy(true, waitingText(place)),
    started: () => setBusy(true, "Running…"),
    output: (stream, text) => {
      streamed = true;
      pane.append(stream, text);
    },
  };

  const lost = (result, code) => {
    forgetRuns();
    pane.note(`This page's session was lost: ${result.reason}. Its classes and variables are gone.`, "lost");
    pane.offer("Run the cells above again", `Run the cells above again, then Java cell ${cell.number}`, async () => {
      pane.actions.replaceChildren();
      session.hasState = false;
      session.prepared = false;
      const failed = await runAbove(cell);
      if (failed === null) await controller.execute(code);
      else pane.note(`Cell ${failed} above did not run cleanly; fix it, then run this cell again.`, "error");
    });
  };

  const controller = {
    cell,
    ranCode: null,
    ranAt: 0,
    showStale(reason) {
      stale.hidden = !reason;
      stale.textContent = reason;
      cell.element.classList.toggle("is-stale", Boolean(reason));
    },
    /** Runs code in this cell; resolves with the result (status "lost" when the session was gone). */
    async execute(code) {
      if (busy) return { status: "error" };
      streamed = false;
      pane.clear();
      cell.view.dispatch(setDiagnostics(cell.view.state, []));
      setBusy(true, "Starting…");
      const quiet = { queued: listener.queued, started: () => setBusy(true, "Preparing the lesson…"), output: () => undefined };
      const failedSetup = await session.prepare(cell.setup ? cell.id : null, quiet);
      const result = failedSetup || (await session.run(cell.id, code, listener, cell.timeoutMs));
      setBusy(false);
      if (result.status === "lost") {
        lost(result, code);
        return result;
      }
      pane.finish(result, streamed);
      if (result.diagnostics && result.diagnostics.length && !failedSetup) {
        cell.view.dispatch(setDiagnostics(cell.view.state, toCodeMirror(cell.view.state.doc, result.diagnostics)));
      }
      if (result.status === cell.expectedStatus && !cell.setup) reportCellRan(cell.slug, cell.id);
      if (result.status !== "error") {
        controller.ranCode = code;
        controller.ranAt = ++notebook.sequence;
        markStale();
      }
      return result;
    },
  };
  notebook.controllers.set(cell.id, controller);

  cell.element.addEventListener("otplab:run", (event) => {
    if (event.detail && event.detail.cell === cell) controller.execute(event.detail.code);
  });
  run.addEventListener("click", () => cell.run());
  stop.addEventListener("click", () => session.stop());
  above.addEventListener("click", async () => {
    above.disabled = true;
    const failed = await runAbove(cell);
    above.disabled = false;
    if (failed !== null) pane.note(`Cell ${failed} above did not run cleanly; fix it, then run the cells above again.`, "error");
  });
  restore.addEventListener("click", () => {
    cell.reset();
    cell.view.dispatch(setDiagnostics(cell.view.state, []));
    cell.view.focus();
  });
  reset.addEventListener("click", async () => {
    reset.disabled = true;
    await session.reset();
    reset.disabled = false;
    forgetRuns();
    pane.clear();
    cell.view.dispatch(setDiagnostics(cell.view.state, []));
    pane.note("Session reset: the page's classes and variables are forgotten.", "reset");
  });
}

/** Connects every runnable cell of the page to one runner session. */
export function connectRunner() {
  const session = new Session();
  window.addEventListener("pagehide", () => session.end());
  onCell((cell) => attach(cell, session));
  return session;
}

/** A line at the top of the page saying why runs are refused: the server told us it is stopping. */
function showServerNotice(text) {
  let notice = document.getElementById("server-notice");
  if (!notice) {
    notice = document.createElement("div");
    notice.id = "server-notice";
    notice.className = "server-notice";
    notice.setAttribute("role", "status");
    document.body.prepend(notice);
  }
  notice.textContent = text;
}
