// Page panels under cells that declare them (docs/AUTHORING.md; the cell's data-slot="panel"): a request panel for the router
// a cell hands to Router.tryInPage (fence flag `router`), and the live view a cell hands to
// LiveView.showInPage (flag `live`). Both talk over the page's run session, so everything runs in
// the learner's own worker; this file only draws the answers.
//
// Wire (server: otplab.runner.PageRoutes): send {type: "request", id, method, path, body} →
// {type: "response", id, status, headers, body} or {type: "response", id, error};
// send {type: "live-event", view, event, params}; every re-render of the view arrives as
// {type: "live", view, html} (pushed by the view's process, in order), a failure as {type: "live-error", error};
// {type: "join", room} joins the tabs of this browser that show the same lesson, so PubSub topics a cell shares reach them.
import { onCell } from "./cells.js";
import { read, write } from "./storage.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const BROWSER_KEY = "otplab:browser";
const UNSAFE_ELEMENTS = "script, iframe, object, embed, link, meta, base, style, frame, frameset";

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** The learner's view markup without scripts or inline handlers: only phx-* attributes act. */
function sanitize(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  template.content.querySelectorAll(UNSAFE_ELEMENTS).forEach((node) => node.remove());
  for (const node of template.content.querySelectorAll("*")) {
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/\s/g, "").toLowerCase();
      if (name.startsWith("on") || (/^(href|src|action|formaction|xlink:href)$/.test(name) && value.startsWith("javascript:"))) {
        node.removeAttribute(attribute.name);
      }
    }
  }
  return template.content;
}

function valuesOf(node) {
  const params = {};
  for (const attribute of node.attributes) {
    if (attribute.name.startsWith("phx-value-")) params[attribute.name.slice("phx-value-".length)] = attribute.value;
  }
  return params;
}

class RequestPanel {
  constructor(cell, session) {
    this.session = session;
    this.pending = null;
    const n = cell.number;
    this.method = element("select", { "aria-label": `Method of the request to cell ${n}'s router`, class: "panel-method" },
      METHODS.map((m) => element("option", { value: m, text: m })));
    this.path = element("input", { type: "text", value: "/", "aria-label": "Path", class: "panel-path", spellcheck: "false" });
    this.body = element("textarea", { rows: "3", "aria-label": "Body (JSON or form fields, optional)", class: "panel-body",
      placeholder: '{"name": "Ada"}', spellcheck: "false" });
    this.send = element("button", { type: "submit", class: "cell-button panel-send", text: "Send" });
    this.status = element("p", { class: "response-status", role: "status" });
    this.headers = element("pre", { class: "response-headers" });
    this.answer = element("pre", { class: "response-body" });
    this.result = element("div", { class: "panel-result", hidden: "" }, [this.status, this.headers, this.answer]);
    const form = element("form", { class: "panel-form" }, [this.method, this.path, this.send, this.body]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    const root = element("section", { class: "page-panel request-panel", "aria-label": `Try cell ${n}'s router` },
      [element("h3", { class: "panel-title", text: "Try the router" }), form, this.result]);
    cell.panel.append(root);
  }

  submit() {
    const id = String(Date.now()) + Math.random().toString(36).slice(2, 8);
    this.pending = id;
    this.send.disabled = true;
    this.show("Sending…", "", "");
    this.session.send({ type: "request", id, method: this.method.value, path: this.path.value.trim(), body: this.body.value })
      .catch(() => this.receive({ id, error: "Cannot reach the server; is it running?" }));
  }

  receive(message) {
    if (message.id !== this.pending) return false;
    this.pending = null;
    this.send.disabled = false;
    if (message.error) {
      this.show(message.error, "", "", "error");
      return true;
    }
    let body = message.body || "";
    const type = (message.headers || []).find((h) => h.toLowerCase().startsWith("content-type:")) || "";
    if (type.includes("json")) {
      try {
        body = JSON.stringify(JSON.parse(body), null, 2);
      } catch {
        // Not valid JSON after all: show it as it came.
      }
    }
    this.show(`${message.status}`, (message.headers || []).join("\n"), body, message.status >= 400 ? "client-error" : "ok");
    return true;
  }

  show(status, headers, body, kind = "") {
    this.result.hidden = false;
    this.status.textContent = status;
    this.status.dataset.kind = kind;
    this.headers.textContent = headers;
    this.headers.hidden = !headers;
    this.answer.textContent = body;
  }
}

class LivePanel {
  constructor(cell, session) {
    this.session = session;
    this.view = null;
    this.error = element("p", { class: "live-error", role: "alert", hidden: "" });
    this.mount = element("div", { class: "live-view", "aria-live": "polite" },
      [element("p", { class: "live-placeholder", text: "Run the cell to show its live view here." })]);
    const root = element("section", { class: "page-panel live-panel", "aria-label": `Live view of cell ${cell.number}` },
      [element("h3", { class: "panel-title", text: "Live view" }), this.mount, this.error]);
    cell.panel.append(root);
    this.mount.addEventListener("click", (event) => {
      const target = event.target.closest("[phx-click]");
      if (!target || !this.mount.contains(target)) return;
      event.preventDefault();
      this.push(target.getAttribute("phx-click"), valuesOf(target));
    });
    this.mount.addEventListener("submit", (event) => {
      const form = event.target.closest("form[phx-submit]");
      if (!form) return;
      event.preventDefault();
      const params = valuesOf(form);
      for (const [name, value] of new FormData(form).entries()) if (typeof value === "string") params[name] = value;
      this.push(form.getAttribute("phx-submit"), params);
    });
  }

  push(event, params) {
    if (this.view === null) return;
    this.error.hidden = true;
    this.session.send({ type: "live-event", view: this.view, event, params })
      .catch(() => this.fail("Cannot reach the server; is it running?"));
  }

  render(message) {
    this.view = message.view;
    this.error.hidden = true;
    this.mount.replaceChildren(sanitize(message.html));
  }

  clear() {
    this.view = null;
    this.mount.replaceChildren(element("p", { class: "live-placeholder", text: "Another cell's live view is shown now; run this cell to show its view again." }));
  }

  fail(text) {
    this.error.textContent = text;
    this.error.hidden = false;
  }
}

function browserId() {
  let id = read(BROWSER_KEY);
  if (!id || !/^[A-Za-z0-9]{8,40}$/.test(id)) {
    const random = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : String(Math.random()).slice(2);
    id = random.replace(/[^A-Za-z0-9]/g, "").slice(0, 32);
    write(BROWSER_KEY, id);
  }
  return id;
}

/** Adds the panels the lesson's cells declare, on the page's run session. */
export function connectPanels(session) {
  const requests = [];
  const lives = [];
  session.on("response", (message) => requests.some((panel) => panel.receive(message)));
  // A page shows one live view at a time: the one the live cell run last mounted.
  let active = null;
  const shown = () => active || lives[0];
  session.on("live", (message) => shown() && shown().render(message));
  session.on("live-error", (message) => shown() && shown().fail(message.error || "The view failed."));
  let joined = false;
  onCell((cell) => {
    // The server renders <div data-slot="panel" data-panel="router|live"> in cells with a panel flag.
    cell.panel = cell.element.querySelector('[data-slot="panel"]');
    if (!cell.panel) return;
    const kind = cell.panel.dataset.panel;
    if (kind === "router") requests.push(new RequestPanel(cell, session));
    if (kind === "live") {
      const panel = new LivePanel(cell, session);
      lives.push(panel);
      cell.element.addEventListener("otplab:run", () => {
        if (active && active !== panel) active.clear();
        active = panel;
      });
      if (!joined) {
        joined = true;
        const slug = (document.body.dataset.slug || "lesson").replace(/[^A-Za-z0-9_-]/g, "").slice(0, 64) || "lesson";
        session.send({ type: "join", room: `${browserId()}:${slug}` }).catch(() => undefined);
      }
    }
  });
}
