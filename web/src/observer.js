// The live process observer beside a lesson: the learner's own processes in the page's session,
// as a tree (supervisors and workers, links dotted, names, status, message-queue length), with
// exits and restarts animated as they happen, a process's state and exit signals on click, and a
// sequence view of the last messages between named processes.
//
// Wire (server: otplab.runner.ObserverRoutes; worker: otplab.worker.ProcessObserver): receive
// {type: "observer", snapshot: {processes, events, messages}} at most four times a second; send
// {type: "observe"} for the latest snapshot, {type: "observer-state", id, pid} and
// {type: "observer-exit", id, pid, reason}, answered by {type: "observer-reply", id, state|done|error}.

const ROW_HEIGHT = 28;
/** How long an exited process stays on screen, fading, so a crash is seen and not only inferred. */
const GHOST_MS = 1800;
/** How long a freshly (re)started process is highlighted. */
const FRESH_MS = 1800;
const WIDE_SCREEN = "(min-width: 1300px)";
const OPEN_KEY = "otplab:observer-open";
const MAX_LOG = 8;
/** The worker counts a queue up to here (otplab.worker.ProcessObserver.QUEUE_COUNT_LIMIT). */
const QUEUE_COUNT_LIMIT = 10000;
const SVG = "http://www.w3.org/2000/svg";

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

function shortPid(pid) {
  const match = /^#PID<0\.(\d+)\.0>$/.exec(pid);
  return match ? `<0.${match[1]}.0>` : pid;
}

function labelOf(proc) {
  if (proc.name) return proc.name;
  if (proc.shell) return "shell (this page's cells)";
  return shortPid(proc.pid);
}

function remembered() {
  try {
    const value = window.localStorage.getItem(OPEN_KEY);
    return value === null ? null : value === "true";
  } catch {
    return null;
  }
}

function remember(open) {
  try {
    window.localStorage.setItem(OPEN_KEY, String(open));
  } catch {
    // Private windows may refuse storage; the panel then starts as the screen width suggests.
  }
}

class Observer {
  constructor(session) {
    this.session = session;
    this.rows = new Map();
    this.order = [];
    this.ghosts = new Map();
    this.fresh = new Map();
    this.selected = null;
    this.latest = null;
    this.pending = false;
    this.nextId = 1;
    this.log = [];
    this.build();
  }

  build() {
    this.count = element("span", { class: "observer-count", text: "no processes yet" });
    this.toggle = element("button", { type: "button", class: "observer-toggle", "aria-expanded": "false",
      "aria-controls": "observer-body", text: "Processes" });
    this.toggle.addEventListener("click", () => this.setOpen(!this.open, true));
    this.treeTab = element("button", { type: "button", class: "observer-tab", "aria-pressed": "true", text: "Tree" });
    this.seqTab = element("button", { type: "button", class: "observer-tab", "aria-pressed": "false", text: "Messages" });
    this.treeTab.addEventListener("click", () => this.showTab("tree"));
    this.seqTab.addEventListener("click", () => this.showTab("messages"));
    this.list = element("ol", { class: "observer-tree", "aria-label": "Processes of this page's session" });
    this.links = svg("svg", { class: "observer-links", "aria-hidden": "true", width: 40, height: 0 });
    this.empty = element("p", { class: "observer-empty", text: "Run a cell that starts processes: they appear here, live." });
    this.treePane = element("div", { class: "observer-pane observer-tree-pane" }, [this.empty, this.list, this.links]);
    this.seq = element("div", { class: "observer-pane observer-seq", hidden: "" });
    this.events = element("ol", { class: "observer-events", "aria-live": "polite", "aria-label": "What just happened" });
    this.details = element("section", { class: "observer-details", hidden: "", "aria-label": "Selected process" });
    this.body = element("div", { class: "observer-body", id: "observer-body", hidden: "" },
      [element("div", { class: "observer-tabs", role: "group", "aria-label": "View" }, [this.treeTab, this.seqTab]),
        this.treePane, this.seq, this.details, this.events]);
    this.root = element("aside", { class: "observer", "aria-label": "Process observer" },
      [element("div", { class: "observer-head" }, [this.toggle, this.count]), this.body]);
    document.body.append(this.root);
    this.list.addEventListener("click", (event) => {
      const row = event.target.closest("[data-pid]");
      if (row && !row.classList.contains("obs-exited")) this.select(row.dataset.pid);
    });
    const saved = remembered();
    this.setOpen(saved === null ? window.matchMedia(WIDE_SCREEN).matches : saved, false);
  }

  setOpen(open, byLearner) {
    this.open = open;
    this.body.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
    this.root.classList.toggle("observer-open", open);
    document.body.classList.toggle("with-observer", open);
    if (byLearner) remember(open);
    if (open) {
      this.session.send({ type: "observe" }).catch(() => undefined);
      this.schedule();
    }
  }

  showTab(tab) {
    const tree = tab === "tree";
    this.treeTab.setAttribute("aria-pressed", String(tree));
    this.seqTab.setAttribute("aria-pressed", String(!tree));
    this.treePane.hidden = !tree;
    this.seq.hidden = tree;
    this.schedule();
  }

  receive(snapshot) {
    const now = performance.now();
    for (const event of snapshot.events || []) this.happened(event, now);
    this.latest = snapshot;
    this.schedule();
  }

  happened(event, now) {
    if (event.kind === "exit") {
      const previous = this.order.find((proc) => proc.pid === event.pid);
      if (previous) this.ghosts.set(event.pid, { proc: previous, reason: event.reason, clean: event.clean, until: now + GHOST_MS });
      const who = event.name || (previous ? labelOf(previous) : shortPid(event.pid));
      this.note(event.clean ? `${who} exited: ${event.reason}` : `${who} crashed: ${event.reason}`, event.clean ? "exit" : "crash");
    } else if (event.kind === "restart") {
      this.fresh.set(event.pid, now + FRESH_MS);
      this.note(`restarted ${event.id} (${shortPid(event.old)} → ${shortPid(event.pid)})`, "restart");
    }
    setTimeout(() => this.schedule(), GHOST_MS + 50);
  }

  note(text, kind) {
    this.log.unshift({ text, kind });
    this.log.length = Math.min(this.log.length, MAX_LOG);
    this.events.replaceChildren(...this.log.map((entry) => element("li", { class: `obs-event obs-event-${entry.kind}`, text: entry.text })));
  }

  /** Coalesces bursts of snapshots and timers into one drawing per frame. */
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      if (this.open) this.render();
    });
  }

  render() {
    const now = performance.now();
    const procs = this.latest ? this.latest.processes : [];
    const live = new Set(procs.map((proc) => proc.pid));
    for (const [pid, ghost] of this.ghosts) if (ghost.until < now || live.has(pid)) this.ghosts.delete(pid);
    for (const [pid, until] of this.fresh) if (until < now) this.fresh.delete(pid);
    const shown = this.merge(procs, live);
    this.order = shown.map((entry) => entry.proc);
    this.empty.hidden = shown.length > 0;
    const total = this.latest && typeof this.latest.total === "number" ? Math.max(this.latest.total, procs.length) : procs.length;
    this.count.textContent = procs.length === 0 ? "no processes yet"
      : `${total.toLocaleString("en")} process${total === 1 ? "" : "es"}${total > procs.length ? `, ${procs.length} shown` : ""}`;
    const keep = new Set();
    const children = shown.map(({ proc, ghost }, index) => {
      keep.add(proc.pid);
      const row = this.row(proc, ghost, now);
      row.style.top = `${index * ROW_HEIGHT}px`;
      return row;
    });
    for (const [pid, row] of this.rows) if (!keep.has(pid)) this.rows.delete(pid), row.remove();
    this.list.style.height = `${shown.length * ROW_HEIGHT}px`;
    children.forEach((row) => { if (row.parentNode !== this.list) this.list.append(row); });
    this.drawLinks(shown);
    if (this.selected) this.refreshDetails(live);
    if (!this.seq.hidden) this.drawSequence(this.latest ? this.latest.messages : []);
  }

  /** Live processes in the snapshot's order, each recently exited one where it stood before. */
  merge(procs, live) {
    const result = procs.map((proc) => ({ proc, ghost: null }));
    const previous = this.order;
    for (const [pid, ghost] of this.ghosts) {
      if (live.has(pid)) continue;
      const at = previous.findIndex((proc) => proc.pid === pid);
      let insert = 0;
      for (let i = at - 1; i >= 0; i--) {
        const index = result.findIndex((entry) => entry.proc.pid === previous[i].pid);
        if (index >= 0) {
          insert = index + 1;
          break;
        }
      }
      result.splice(insert, 0, { proc: ghost.proc, ghost });
    }
    return result;
  }

  row(proc, ghost, now) {
    let row = this.rows.get(proc.pid);
    if (!row) {
      row = element("li", { class: "obs-proc", "data-pid": proc.pid });
      row.status = element("span", { class: "obs-dot", "aria-hidden": "true" });
      row.label = element("button", { type: "button", class: "obs-label" });
      row.kind = element("span", { class: "obs-kind" });
      row.queue = element("span", { class: "obs-queue" });
      row.note = element("span", { class: "obs-note" });
      row.append(row.status, row.label, row.kind, row.queue, row.note);
      this.rows.set(proc.pid, row);
      if (this.latest && !ghost) row.classList.add("obs-new");
    }
    row.style.setProperty("--depth", proc.depth);
    row.dataset.name = proc.name || "";
    row.dataset.status = ghost ? "exited" : proc.status;
    row.classList.toggle("obs-supervisor", proc.supervisor);
    row.classList.toggle("obs-root", proc.depth === 0);
    row.classList.toggle("obs-exited", Boolean(ghost));
    row.classList.toggle("obs-crashed", Boolean(ghost && !ghost.clean));
    row.classList.toggle("obs-restarted", this.fresh.has(proc.pid));
    row.classList.toggle("obs-selected", this.selected === proc.pid);
    const label = labelOf(proc);
    if (row.label.textContent !== label) row.label.textContent = label;
    row.label.setAttribute("aria-label", `${label}, ${proc.behaviour || "process"}, ${ghost ? "exited" : proc.status}`);
    row.kind.textContent = proc.behaviour || (proc.shell ? "" : "process");
    const queued = proc.queue >= QUEUE_COUNT_LIMIT ? `${QUEUE_COUNT_LIMIT}+` : String(proc.queue);
    row.queue.textContent = proc.queue > 0 ? `✉ ${queued}` : "";
    row.queue.title = `${queued} message${proc.queue === 1 ? "" : "s"} waiting`;
    row.note.textContent = ghost ? (ghost.clean ? `exited: ${ghost.reason}` : `crashed: ${ghost.reason}`)
      : this.fresh.has(proc.pid) ? "restarted" : proc.more > 0 ? `+${proc.more} more` : proc.trapExit ? "traps exits" : "";
    return row;
  }

  /** Links other than parent–child are drawn as dotted arcs in the margin, as Erlang's observer does. */
  drawLinks(shown) {
    const index = new Map(shown.map(({ proc }, i) => [proc.pid, i]));
    const parentOf = new Map();
    const stack = [];
    shown.forEach(({ proc }) => {
      stack.length = proc.depth;
      if (proc.depth > 0 && stack[proc.depth - 1]) parentOf.set(proc.pid, stack[proc.depth - 1]);
      stack[proc.depth] = proc.pid;
    });
    const paths = [];
    const seen = new Set();
    for (const { proc, ghost } of shown) {
      if (ghost) continue;
      for (const other of proc.links || []) {
        const key = [proc.pid, other].sort().join(" ");
        if (seen.has(key) || !index.has(other) || parentOf.get(proc.pid) === other || parentOf.get(other) === proc.pid) continue;
        seen.add(key);
        const y1 = index.get(proc.pid) * ROW_HEIGHT + ROW_HEIGHT / 2;
        const y2 = index.get(other) * ROW_HEIGHT + ROW_HEIGHT / 2;
        const bend = Math.min(36, 8 + Math.abs(y2 - y1) / 6);
        paths.push(svg("path", { d: `M 2 ${y1} C ${bend} ${y1}, ${bend} ${y2}, 2 ${y2}`, class: "obs-link" }));
      }
    }
    this.links.setAttribute("height", String(shown.length * ROW_HEIGHT));
    this.links.replaceChildren(...paths);
  }

  select(pid) {
    this.selected = pid;
    const proc = this.order.find((p) => p.pid === pid);
    this.stateText = element("pre", { class: "obs-state", text: "" });
    this.reply = element("p", { class: "obs-reply", role: "status" });
    const reason = element("input", { type: "text", class: "obs-reason", "aria-label": "Custom exit reason", placeholder: "a reason, e.g. boom" });
    const exit = (why) => this.ask({ type: "observer-exit", pid, reason: why }, (answer) => answer.done);
    const kill = element("button", { type: "button", class: "cell-button obs-kill", text: "kill" });
    const shutdown = element("button", { type: "button", class: "cell-button obs-shutdown", text: "shutdown" });
    const custom = element("button", { type: "submit", class: "cell-button obs-custom", text: "Send exit" });
    kill.addEventListener("click", () => exit("kill"));
    shutdown.addEventListener("click", () => exit("shutdown"));
    const form = element("form", { class: "obs-exit-form" }, [reason, custom]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      exit(reason.value);
    });
    const stateButton = element("button", { type: "button", class: "cell-button obs-get-state", text: "Show state" });
    stateButton.addEventListener("click", () => this.loadState(pid));
    this.detailsTitle = element("h3", { class: "obs-details-title", text: proc ? labelOf(proc) : shortPid(pid) });
    this.details.replaceChildren(this.detailsTitle,
      element("p", { class: "obs-details-what", text: proc ? `${shortPid(pid)} · ${proc.behaviour || "plain process"} · ${proc.status}` : shortPid(pid) }),
      ...(proc && proc.behaviour ? [stateButton, this.stateText] : []),
      element("p", { class: "obs-exit-title", text: "Send an exit signal (Process.exit):" }),
      element("div", { class: "obs-exit-buttons" }, [kill, shutdown]), form, this.reply);
    this.details.hidden = false;
    if (proc && proc.behaviour) this.loadState(pid);
    this.schedule();
  }

  refreshDetails(live) {
    if (!live.has(this.selected) && this.detailsTitle && !this.detailsTitle.textContent.endsWith("(exited)")) {
      this.detailsTitle.textContent += " (exited)";
    }
  }

  loadState(pid) {
    this.stateText.textContent = "asking…";
    this.ask({ type: "observer-state", pid }, (answer) => {
      if (answer.state !== undefined) this.stateText.textContent = answer.state;
      return answer.state !== undefined ? "" : null;
    });
  }

  ask(message, onAnswer) {
    const id = String(this.nextId++);
    this.waiting = { id, onAnswer };
    this.reply.textContent = "";
    this.session.send({ ...message, id }).catch(() => { this.reply.textContent = "Cannot reach the server; is it running?"; });
  }

  answer(message) {
    if (!this.waiting || this.waiting.id !== message.id) return;
    const { onAnswer } = this.waiting;
    this.waiting = null;
    if (message.error) {
      this.reply.textContent = message.error;
      if (this.stateText && this.stateText.textContent === "asking…") this.stateText.textContent = "";
      return;
    }
    const text = onAnswer(message);
    if (typeof text === "string" && text) this.reply.textContent = text;
  }

  /** Lifelines for every participant and one arrow per message, oldest at the top (render_seq_trace). */
  drawSequence(messages) {
    if (!messages.length) {
      this.seq.replaceChildren(element("p", { class: "observer-empty",
        text: "Messages to and from named processes show here: register a process (a name: option) and send it something." }));
      return;
    }
    const names = [];
    for (const m of messages) for (const who of [m.from, m.to]) if (!names.includes(who)) names.push(who);
    const column = 110;
    const top = 28;
    const step = 30;
    const width = names.length * column;
    const height = top + messages.length * step + 10;
    const x = (who) => names.indexOf(who) * column + column / 2;
    const drawing = svg("svg", { class: "obs-seq", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": `The last ${messages.length} messages between ${names.join(", ")}` });
    names.forEach((who) => {
      const head = svg("text", { x: x(who), y: 16, class: "obs-seq-name", "text-anchor": "middle" });
      head.textContent = who.length > 16 ? `${who.slice(0, 15)}…` : who;
      drawing.append(head, svg("line", { x1: x(who), y1: top - 6, x2: x(who), y2: height, class: "obs-seq-life" }));
    });
    messages.forEach((m, i) => {
      const y = top + i * step + 14;
      const x1 = x(m.from);
      const x2 = x(m.to);
      const self = x1 === x2;
      const path = self ? `M ${x1} ${y - 8} h 24 v 10 h -24` : `M ${x1} ${y} L ${x2} ${y}`;
      drawing.append(svg("path", { d: path, class: `obs-seq-arrow obs-seq-${m.kind}` }));
      const head = self ? x1 : x2;
      const dir = self ? -1 : Math.sign(x2 - x1);
      drawing.append(svg("path", { d: `M ${head} ${self ? y + 2 : y} l ${-6 * dir} -4 l 0 8 z`, class: `obs-seq-head obs-seq-${m.kind}` }));
      const label = svg("text", { x: self ? x1 + 28 : (x1 + x2) / 2, y: self ? y : y - 4, class: "obs-seq-text",
        "text-anchor": self ? "start" : "middle" });
      const text = `${m.kind === "send" ? "" : m.kind + " "}${m.text}`;
      label.textContent = text.length > 28 ? `${text.slice(0, 27)}…` : text;
      const title = svg("title");
      title.textContent = `${m.from} → ${m.to} (${m.kind}): ${m.text}`;
      label.append(title);
      drawing.append(label);
    });
    this.seq.replaceChildren(drawing);
  }
}

/** The observer's own style sheet, next to this page's lesson script and with its version. */
export function linkObserverStyle() {
  const script = document.querySelector('script[src*="/lesson.js"]');
  if (!script || document.querySelector("link[data-observer-style]")) return;
  const href = script.getAttribute("src").replace("/lesson.js", "/observer.css");
  document.head.append(element("link", { rel: "stylesheet", href, "data-observer-style": "" }));
}

/** Adds the observer beside the lesson, on the page's run session. */
export function connectObserver(session) {
  const observer = new Observer(session);
  session.on("observer", (message) => observer.receive(message.snapshot || {}));
  session.on("observer-reply", (message) => observer.answer(message));
  return observer;
}
