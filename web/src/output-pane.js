// A cell's output pane: stdout and stderr in arrival order, values, then the final status.
//
// Streamed output is kept in memory and drawn at most once per animation frame: each frame adds
// one block per stream with the whole lines that arrived, so the page never rebuilds the text it
// shows and a flood of output costs one small layout per frame. The pane has a bounded height
// with its own scroll (it follows the end while the learner is at the end); past DRAWN_CHARS the
// rest waits behind "Show all", which draws everything and lets the pane grow to its full height.

/** The server names the streams "out" and "err". */
const STREAM_CLASS = { out: "stdout", err: "stderr" };

/** Characters drawn before the rest waits for "Show all": far more than a screen, little enough to stay quick. */
const DRAWN_CHARS = 200_000;

// One entry per otplab.protocol.RunStatus wire name; RunStatusTest fails when the two differ.
export const STATUS_TEXT = {
  ok: "Done",
  compile_error: "Does not compile",
  runtime_error: "Ended with an exception",
  timeout: "Stopped: it ran too long",
  killed: "Stopped",
  rejected: "Refused",
};

function kilobytes(chars) {
  return chars >= 1024 * 1024 ? `${(chars / (1024 * 1024)).toFixed(1)} MiB` : `${Math.max(1, Math.round(chars / 1024))} KiB`;
}

export class OutputPane {
  constructor(cell) {
    this.root = cell.output;
    this.root.setAttribute("role", "region");
    this.root.setAttribute("aria-label", `Output of Java cell ${cell.number}`);
    this.stream = document.createElement("pre");
    this.stream.className = "cell-stream";
    this.stream.tabIndex = 0;
    this.stream.setAttribute("aria-live", "polite");
    this.more = document.createElement("button");
    this.more.type = "button";
    this.more.className = "cell-button cell-show-all";
    this.more.hidden = true;
    this.more.addEventListener("click", () => this.showAll());
    this.status = document.createElement("p");
    this.status.className = "cell-status";
    this.status.setAttribute("role", "status");
    this.actions = document.createElement("div");
    this.actions.className = "cell-actions";
    this.root.replaceChildren(this.stream, this.more, this.status, this.actions);
    this.reset();
  }

  reset() {
    this.pending = [];
    this.held = [];
    this.heldChars = 0;
    this.drawnChars = 0;
    this.expanded = false;
    this.frame = 0;
    this.lastBlock = null;
    this.root.classList.remove("is-expanded");
  }

  clear() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.reset();
    this.root.hidden = false;
    this.stream.replaceChildren();
    this.more.hidden = true;
    this.status.textContent = "";
    this.status.dataset.status = "";
    this.actions.replaceChildren();
  }

  /** Queues text for the next frame; call flush() to draw it at once. */
  append(stream, text) {
    if (!text) return;
    this.pending.push([STREAM_CLASS[stream] || stream, text]);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw(false));
  }

  flush() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.draw(true);
  }

  /**
   * Draws what arrived since the last frame. Until the run ends (final), a stream's unfinished
   * last line waits for its end, so each drawn block holds whole lines and blocks stack cleanly.
   */
  draw(final) {
    this.frame = 0;
    const pieces = this.merge(this.pending);
    this.pending = [];
    const carried = [];
    for (const [kind, text] of pieces) {
      const cut = final ? text.length : text.lastIndexOf("\n") + 1;
      if (cut < text.length) carried.push([kind, text.slice(cut)]);
      if (cut > 0) this.show(kind, text.slice(0, cut));
    }
    this.pending = carried;
    if (carried.length && !final) this.frame = requestAnimationFrame(() => this.draw(false));
  }

  merge(pieces) {
    const merged = [];
    for (const [kind, text] of pieces) {
      const last = merged[merged.length - 1];
      if (last && last[0] === kind) last[1] += text;
      else merged.push([kind, text]);
    }
    return merged;
  }

  show(kind, text) {
    if (!this.expanded && this.drawnChars + text.length > DRAWN_CHARS) {
      const room = Math.max(0, DRAWN_CHARS - this.drawnChars);
      if (room > 0) this.block(kind, text.slice(0, room));
      this.held.push([kind, text.slice(room)]);
      this.heldChars += text.length - room;
      this.more.hidden = false;
      this.more.textContent = `Show all (${kilobytes(this.heldChars)} more)`;
      return;
    }
    this.block(kind, text);
  }

  block(kind, text) {
    const following = this.stream.scrollTop + this.stream.clientHeight >= this.stream.scrollHeight - 4;
    const last = this.lastBlock;
    // Small outputs stay one element per stream change (as they always read); a flood gets a
    // block per frame so that only the new block is laid out.
    if (last && last.dataset.stream === kind && last.textContent.length < 4096) {
      last.append(text);
    } else {
      const piece = document.createElement("span");
      piece.className = `out-${kind}`;
      piece.dataset.stream = kind;
      piece.textContent = text;
      this.stream.append(piece);
      this.lastBlock = piece;
    }
    this.drawnChars += text.length;
    if (this.stream.scrollHeight > this.stream.clientHeight) this.more.hidden = false;
    if (!this.more.hidden && !this.heldChars) this.more.textContent = "Show all";
    if (following) this.stream.scrollTop = this.stream.scrollHeight;
  }

  /** Draws everything held back and lets the pane grow to its full height. */
  showAll() {
    this.expanded = true;
    this.root.classList.add("is-expanded");
    const held = this.merge(this.held);
    this.held = [];
    this.heldChars = 0;
    for (const [kind, text] of held) this.block(kind, text);
    this.more.hidden = true;
  }

  note(text, status) {
    this.root.hidden = false;
    this.status.textContent = text;
    this.status.dataset.status = status;
  }

  /** A button under the status line, e.g. "Run the cells above again". */
  offer(text, label, action) {
    const offer = document.createElement("button");
    offer.type = "button";
    offer.className = "cell-button cell-offer";
    offer.textContent = text;
    offer.setAttribute("aria-label", label);
    offer.addEventListener("click", action);
    this.actions.replaceChildren(offer);
    return offer;
  }

  finish(result, streamed) {
    if (!streamed) {
      if (result.stdout) this.append("stdout", result.stdout);
      if (result.stderr) this.append("stderr", result.stderr);
    }
    for (const value of result.values || []) this.append("value", value + "\n");
    if (result.error && result.status !== "ok") this.append("error", result.error + "\n");
    for (const d of result.diagnostics || []) this.append("error", `line ${d.line}:${d.column}: ${d.message}\n`);
    this.flush();
    const label = STATUS_TEXT[result.status] || "Could not run";
    const time = typeof result.durationMs === "number" && result.status !== "error" ? ` in ${result.durationMs} ms` : "";
    this.note(label + time + (result.truncated ? " (output cut)" : ""), result.status);
  }
}
