// Runs a lesson's Java cells: Run / Stop / Reset per cell, an output pane, diagnostics in the
// editor and completion from the page's session. One session per open lesson page (a fresh id
// per page load) over one WebSocket; cells share declarations like a notebook until Reset.
//
// Wire protocol (server: otplab.runner.RunRoutes; status words: otplab.protocol.RunStatus): send {type: "run", session, cell, code, timeoutMs?},
// {type: "stop", session}, {type: "reset", session}; receive "queued", "started", "out" pieces,
// then "result" (or "error"), and "reset".
import { EditorState, StateEffect } from "@codemirror/state";
import { setDiagnostics } from "@codemirror/lint";
import { onCell, setupCells } from "./cells.js";

const SOCKET_PATH = "/ws/run";
const COMPLETE_PATH = "/api/complete";
const COMPLETION_WORD = /[\w$]*$/;

/** The server names the streams "out" and "err". */
const STREAM_CLASS = { out: "stdout", err: "stderr" };

// One entry per otplab.protocol.RunStatus wire name; RunStatusTest fails when the two differ.
const STATUS_TEXT = {
  ok: "Done",
  compile_error: "Does not compile",
  runtime_error: "Ended with an exception",
  timeout: "Stopped: it ran too long",
  killed: "Stopped",
  rejected: "Refused",
};

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
      socket.addEventListener("close", () => {
        const wasOpen = this.socket === socket;
        if (wasOpen) this.socket = null;
        this.opening = null;
        reject(new Error("cannot reach the server"));
        // The server may have restarted: its session (and every declaration) is gone.
        this.prepared = false;
        if (this.current) this.current.fail("The connection to the server was lost; run the cell again.");
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
      case "queued": run.listener.queued(message.message || "waiting for a free worker"); break;
      case "started": run.listener.started(); break;
      case "out": run.listener.output(message.stream, message.text); break;
      case "result": run.finish(message); break;
      case "error": run.fail(message.error || "The run failed."); break;
      default: break;
    }
  }

  /** Queues a run; resolves with the result message (a status of "error" when the run could not happen). */
  run(key, code, listener, timeoutMs) {
    const task = () => new Promise((resolve) => {
      const run = {
        key,
        listener,
        finish: (result) => {
          if (this.current === run) this.current = null;
          resolve(result);
        },
        fail: (error) => run.finish({ type: "result", status: "error", stdout: "", stderr: "", diagnostics: [], values: [], error }),
      };
      this.current = run;
      this.send({ type: "run", cell: key, code, timeoutMs }).catch(() => run.fail("Cannot reach the server; is it running?"));
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

/** The cell's output pane: stdout and stderr in arrival order, values, then the final status. */
class OutputPane {
  constructor(cell) {
    this.root = cell.output;
    this.root.setAttribute("role", "region");
    this.root.setAttribute("aria-label", `Output of Java cell ${cell.number}`);
    this.stream = document.createElement("pre");
    this.stream.className = "cell-stream";
    this.stream.setAttribute("aria-live", "polite");
    this.status = document.createElement("p");
    this.status.className = "cell-status";
    this.status.setAttribute("role", "status");
    this.root.replaceChildren(this.stream, this.status);
  }

  clear() {
    this.root.hidden = false;
    this.stream.replaceChildren();
    this.status.textContent = "";
    this.status.dataset.status = "";
  }

  append(stream, text) {
    const kind = STREAM_CLASS[stream] || stream;
    const last = this.stream.lastElementChild;
    if (last && last.dataset.stream === kind) {
      last.textContent += text;
      return;
    }
    const piece = document.createElement("span");
    piece.className = `out-${kind}`;
    piece.dataset.stream = kind;
    piece.textContent = text;
    this.stream.append(piece);
  }

  note(text, status) {
    this.root.hidden = false;
    this.status.textContent = text;
    this.status.dataset.status = status;
  }

  finish(result, streamed) {
    if (!streamed) {
      if (result.stdout) this.append("stdout", result.stdout);
      if (result.stderr) this.append("stderr", result.stderr);
    }
    for (const value of result.values || []) this.append("value", value + "\n");
    if (result.error && result.status !== "ok") this.append("error", result.error + "\n");
    for (const d of result.diagnostics || []) this.append("error", `line ${d.line}:${d.column}: ${d.message}\n`);
    const label = STATUS_TEXT[result.status] || "Could not run";
    const time = typeof result.durationMs === "number" && result.status !== "error" ? ` in ${result.durationMs} ms` : "";
    this.note(label + time + (result.truncated ? " (output cut)" : ""), result.status);
  }
}

function attach(cell, session) {
  if (!cell.runnable || !cell.toolbar || !cell.output) return;
  const pane = new OutputPane(cell);
  const run = button("Run", `Run Java cell ${cell.number} (Ctrl+Enter)`, "cell-run");
  const stop = button("Stop", `Stop Java cell ${cell.number}`, "cell-stop");
  const reset = button("Reset", "Reset the session: forget every class and variable of this page's cells", "cell-reset");
  const indicator = document.createElement("span");
  indicator.className = "cell-indicator";
  indicator.hidden = true;
  stop.disabled = true;
  cell.toolbar.append(indicator, run, stop, reset);

  // One data object for the editor's life: the completion plugin tells its sources apart by identity.
  const completionData = [{ autocomplete: completionSource(session) }];
  cell.view.dispatch({ effects: StateEffect.appendConfig.of(EditorState.languageData.of(() => completionData)) });

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
    queued: () => setBusy(true, "Waiting for a free worker…"),
    started: () => setBusy(true, "Running…"),
    output: (stream, text) => {
      streamed = true;
      pane.append(stream, text);
    },
  };

  const execute = async (code) => {
    if (busy) return;
    streamed = false;
    pane.clear();
    cell.view.dispatch(setDiagnostics(cell.view.state, []));
    setBusy(true, "Starting…");
    const quiet = { queued: listener.queued, started: () => setBusy(true, "Preparing the lesson…"), output: () => undefined };
    const failedSetup = await session.prepare(cell.setup ? cell.id : null, quiet);
    const result = failedSetup || (await session.run(cell.id, code, listener, cell.timeoutMs));
    setBusy(false);
    pane.finish(result, streamed);
    if (result.diagnostics && result.diagnostics.length && !failedSetup) {
      cell.view.dispatch(setDiagnostics(cell.view.state, toCodeMirror(cell.view.state.doc, result.diagnostics)));
    }
  };

  cell.element.addEventListener("otplab:run", (event) => {
    if (event.detail && event.detail.cell === cell) execute(event.detail.code);
  });
  run.addEventListener("click", () => cell.run());
  stop.addEventListener("click", () => session.stop());
  reset.addEventListener("click", async () => {
    reset.disabled = true;
    await session.reset();
    reset.disabled = false;
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
