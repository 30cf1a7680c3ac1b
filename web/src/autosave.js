// Saving an editor's text without a write per keystroke: shared by lesson cells and exercise files.
import { EditorView } from "@codemirror/view";

const SAVE_DELAY_MS = 250;

/**
 * An editor extension that calls save() a moment after the last edit, and at once when the
 * reader leaves the page, so an edit typed just before a reload is kept.
 */
export function autosave(save) {
  let timer = 0;
  window.addEventListener("pagehide", () => {
    window.clearTimeout(timer);
    save();
  });
  return EditorView.updateListener.of((update) => {
    if (!update.docChanged) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, SAVE_DELAY_MS);
  });
}
