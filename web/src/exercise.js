// The exercise page: one CodeMirror editor per starter file (tabs), drafts kept in localStorage,
// hints revealed one at a time, Run tests (visible tests) and Submit (visible + hidden) through
// POST /api/exercises/{slug}/test|submit, per-test results and the learner's own history.
import { EditorView, basicSetup } from "codemirror";
import { java } from "@codemirror/lang-java";
import { syntaxHighlighting } from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";
import { setDiagnostics } from "@codemirror/lint";
import { read, write } from "./storage.js";
import { autosave } from "./autosave.js";

const slug = document.body.dataset.slug;
const draftKey = (file) => `otplab:exercise:${slug}:${file}`;
const hintsKey = `otplab:exercise:${slug}:hints`;

const STATUS_WORD = { pass: "Passed", fail: "Failed", error: "Error" };

/** One editor per tab panel; the starter stays in the page for "Reset". */
const editors = new Map();

function mountEditors() {
  for (const panel of document.querySelectorAll(".file-panel")) {
    const file = panel.dataset.file;
    const pre = panel.querySelector(".exercise-source");
    const starter = pre.textContent.replace(/\n$/, "");
    const save = () => write(draftKey(file), view.state.doc.toString() === starter ? null : view.state.doc.toString());
    const view = new EditorView({
      doc: read(draftKey(file)) ?? starter,
      extensions: [
        basicSetup,
        java(),
        syntaxHighlighting(classHighlighter),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": `Editor for ${file}` }),
        autosave(save),
      ],
    });
    pre.replaceWith(view.dom);
    editors.set(file, { view, starter, panel });
  }
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll('.file-tabs [role="tab"]')];
  const select = (tab, focus) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        event.preventDefault();
        select(tabs[(i + step + tabs.length) % tabs.length], true);
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        select(tabs[event.key === "Home" ? 0 : tabs.length - 1], true);
      }
    });
  });
}

function currentEditor() {
  for (const editor of editors.values()) if (!editor.panel.hidden) return editor;
  return editors.values().next().value;
}

function setUpHints() {
  const button = document.getElementById("show-hint");
  const items = [...document.querySelectorAll("#hint-list li")];
  if (!button) return;
  let shown = Math.min(Number(read(hintsKey)) || 0, items.length);
  const render = () => {
    items.forEach((item, i) => (item.hidden = i >= shown));
    if (shown >= items.length) {
      button.hidden = true;
    } else {
      button.textContent = `Show hint ${shown + 1} of ${items.length}`;
    }
  };
  button.addEventListener("click", () => {
    shown += 1;
    write(hintsKey, String(shown));
    render();
    items[shown - 1].setAttribute("tabindex", "-1");
    items[shown - 1].focus();
  });
  render();
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function details(summary, text, className) {
  const box = element("details", className);
  box.append(element("summary", null, summary));
  const pre = element("pre");
  pre.append(element("code", null, text));
  box.append(pre);
  return box;
}

function summaryText(results, kind) {
  const total = results.tests.length;
  const passed = results.tests.filter((t) => t.status === "pass").length;
  const scope = kind === "submit" ? "Submission" : "Visible tests";
  if (results.status === "error") return `${scope}: the solution could not be graded. ${results.message || ""}`.trim();
  if (results.status === "pass") return `${scope}: all ${total} tests passed.`;
  return `${scope}: ${passed} of ${total} tests passed.`;
}

/** "Counter.java:12: message", one per line of a compile error's grading message (ResultsBuilder). */
const COMPILE_LINE = /^([A-Za-z_$][\w$]*\.java):(\d+): (.+)$/;

/** Underlines, in each file's editor, the lines a compile error names; clears the marks otherwise. */
function markCompileErrors(results) {
  const byFile = new Map();
  const lines = results.status === "error" && results.message ? results.message.split("\n") : [];
  for (const line of lines) {
    const found = COMPILE_LINE.exec(line);
    if (!found || !editors.has(found[1])) continue;
    const { view } = editors.get(found[1]);
    const target = view.state.doc.line(Math.min(Math.max(Number(found[2]), 1), view.state.doc.lines));
    const list = byFile.get(found[1]) || [];
    const from = target.from + (target.text.length - target.text.trimStart().length);
    const to = target.to > from ? target.to : Math.min(from + 1, view.state.doc.length);
    list.push({ from, to, severity: "error", message: found[3] });
    byFile.set(found[1], list);
  }
  for (const [file, { view }] of editors) {
    view.dispatch(setDiagnostics(view.state, byFile.get(file) || []));
  }
}

function showResults(results, kind) {
  markCompileErrors(results);
  const section = document.getElementById("results");
  const list = document.getElementById("test-results");
  const summary = document.getElementById("results-summary");
  section.hidden = false;
  section.dataset.status = results.status;
  summary.textContent = summaryText(results, kind);
  summary.className = `results-summary is-${results.status}`;
  list.replaceChildren();
  for (const test of results.tests) {
    const item = element("li", `test-result is-${test.status}`);
    item.dataset.status = test.status;
    const head = element("h3", "test-name");
    head.append(element("span", `test-status is-${test.status}`, STATUS_WORD[test.status] || test.status), " ", test.name);
    if (test.hidden) head.append(" ", element("span", "test-hidden", "(hidden test)"));
    item.append(head);
    if (test.message) item.append(element("pre", "test-message", test.message));
    if (test.output) item.append(details("Your output", test.output, "test-output"));
    if (test.test_code) item.append(details("Test code", test.test_code, "test-code"));
    list.append(item);
  }
  document.getElementById("results-title").focus();
}

function setStatus(text) {
  document.getElementById("grading-status").textContent = text;
}

async function grade(kind, buttons) {
  const files = {};
  for (const [file, editor] of editors) files[file] = editor.view.state.doc.toString();
  buttons.forEach((b) => (b.disabled = true));
  setStatus(kind === "submit" ? "Grading your submission…" : "Running the visible tests…");
  try {
    const response = await fetch(`/api/exercises/${encodeURIComponent(slug)}/${kind}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ files }),
    });
    const body = await response.json().catch(() => ({ error: `The server answered ${response.status}.` }));
    if (!response.ok) {
      setStatus(body.error || `The server answered ${response.status}.`);
      return;
    }
    setStatus("");
    showResults(body, kind);
    if (kind === "submit") {
      if (body.status === "pass") document.getElementById("exercise-done").hidden = false;
      await loadHistory();
    }
  } catch {
    setStatus("The server could not be reached; your code is kept in this browser. Try again.");
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

async function loadHistory() {
  let entries;
  try {
    const response = await fetch(`/api/me/submissions?exercise=${encodeURIComponent(slug)}`);
    if (!response.ok) return;
    entries = await response.json();
  } catch {
    return;
  }
  const submissions = entries.filter((e) => e.kind === "submit");
  const list = document.getElementById("history-list");
  document.getElementById("history-empty").hidden = submissions.length > 0;
  list.replaceChildren(
    ...submissions.map((s) => {
      const when = new Date(s.submittedAt).toLocaleString();
      return element("li", `history-item is-${s.status}`, `${when}: ${STATUS_WORD[s.status] || s.status}, ${s.passed} of ${s.total} tests passed`);
    }),
  );
  document.getElementById("exercise-done").hidden = !submissions.some((s) => s.status === "pass");
}

mountEditors();
setUpTabs();
setUpHints();
const runButton = document.getElementById("run-tests");
const submitButton = document.getElementById("submit-solution");
const both = [runButton, submitButton];
runButton.addEventListener("click", () => grade("test", both));
submitButton.addEventListener("click", () => grade("submit", both));
document.getElementById("reset-file").addEventListener("click", () => {
  const editor = currentEditor();
  editor.view.dispatch({ changes: { from: 0, to: editor.view.state.doc.length, insert: editor.starter } });
});
loadHistory();
