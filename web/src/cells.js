// Java cells: each <figure class="cell"> rendered by the server becomes a CodeMirror 6 editor.
//
// Hook for features that act on cells (the runner adds Run/Reset/Stop and an output pane):
//
//   import { onCell } from "./cells.js";      // or window.OTPLab.onCell from other bundles
//   onCell((cell) => {
//     cell.toolbar.append(runButton);         // <span data-slot="toolbar"> in the cell's caption
//     cell.element.addEventListener("otplab:run", (event) => run(event.detail.code));
//     cell.output.hidden = false;             // <div data-slot="output"> below the editor
//   });
//
// Ctrl/Cmd+Enter in an editor dispatches a bubbling "otplab:run" CustomEvent on the cell's
// element with detail { cell, code }; nothing here runs code. Edits are saved per lesson and
// cell in localStorage and restored on reload; cell.reset() brings back the author's code.
import { EditorView, basicSetup } from "codemirror";
import { java } from "@codemirror/lang-java";
import { EditorState, Prec } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { syntaxHighlighting } from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";
import { keys, read, write } from "./storage.js";
import { autosave } from "./autosave.js";

export const RUN_EVENT = "otplab:run";
export const READY_EVENT = "otplab:cell-ready";

/** Every mounted cell by id, in page order. */
export const cells = new Map();
/** Setup cells (visible and hidden) in page order: { id, code, hidden }. */
export const setupCells = [];
const hooks = [];

/** Calls hook(cell) for every cell already mounted and every cell mounted later. */
export function onCell(hook) {
  hooks.push(hook);
  for (const cell of cells.values()) hook(cell);
}

function savedCode(slug, id) {
  const raw = read(keys.cell(slug, id));
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw);
    return typeof saved.code === "string" ? saved.code : null;
  } catch {
    return null;
  }
}

/** The cell's own wall-time limit (its `timeout-ms` attribute), or undefined for the runner's default. */
function timeoutOf(element) {
  const value = Number(element.dataset.timeoutMs);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function createCell(element, slug) {
  const id = element.dataset.cellId;
  const source = element.querySelector(".cell-source");
  const originalCode = source ? source.textContent.replace(/\n$/, "") : "";
  const runnable = element.dataset.runnable === "true";
  const cell = {
    id,
    slug,
    number: Number(element.dataset.cellNumber),
    element,
    toolbar: element.querySelector('[data-slot="toolbar"]'),
    output: element.querySelector('[data-slot="output"]'),
    runnable,
    setup: element.dataset.setup === "true",
    expectedStatus: element.dataset.expectedStatus || "ok",
    timeoutMs: timeoutOf(element),
    originalCode,
    view: null,
    getCode: () => cell.view.state.doc.toString(),
    setCode: (code) => cell.view.dispatch({ changes: { from: 0, to: cell.view.state.doc.length, insert: code } }),
    reset: () => cell.setCode(originalCode),
    run: () => {
      element.dispatchEvent(new CustomEvent(RUN_EVENT, { bubbles: true, detail: { cell, code: cell.getCode() } }));
    },
  };

  const save = () => {
    const code = cell.getCode();
    write(keys.cell(slug, id), code === originalCode ? null : JSON.stringify({ code, base: originalCode }));
  };
  const label = `Java cell ${cell.number}${runnable ? "" : ", read only"}`;
  const extensions = [
    basicSetup,
    java(),
    syntaxHighlighting(classHighlighter),
    EditorView.contentAttributes.of({ "aria-label": label }),
    EditorView.lineWrapping,
  ];
  if (runnable) {
    extensions.push(
      Prec.highest(keymap.of([{ key: "Mod-Enter", preventDefault: true, run: () => (cell.run(), true) }])),
      autosave(save),
    );
  } else {
    extensions.push(EditorState.readOnly.of(true));
  }
  const doc = (runnable ? savedCode(slug, id) : null) ?? originalCode;
  cell.view = new EditorView({ doc, extensions });
  if (source) source.replaceWith(cell.view.dom);
  else element.append(cell.view.dom);
  element.classList.add("is-mounted");
  return cell;
}

/** Mounts every cell below root, in page order; call once per page. */
export function mountCells(root) {
  const slug = document.body.dataset.slug || "";
  window.OTPLab = Object.assign(window.OTPLab || {}, { cells, setupCells, onCell, RUN_EVENT, READY_EVENT });
  for (const element of root.querySelectorAll("template.cell-hidden-setup, figure.cell")) {
    if (element.tagName === "TEMPLATE") {
      setupCells.push({ id: element.dataset.cellId, code: element.content.textContent, hidden: true, timeoutMs: timeoutOf(element) });
      continue;
    }
    const cell = createCell(element, slug);
    cells.set(cell.id, cell);
    if (cell.setup) setupCells.push({ id: cell.id, code: cell.originalCode, hidden: false, timeoutMs: cell.timeoutMs });
    for (const hook of hooks) hook(cell);
    element.dispatchEvent(new CustomEvent(READY_EVENT, { bubbles: true, detail: { cell } }));
  }
}
