// Completion marks, kept in the browser until the server stores progress.
import { keys, read, write } from "./storage.js";

export function isDone(slug) {
  return read(keys.done(slug)) === "1";
}

export function showCompletionMarks() {
  for (const item of document.querySelectorAll("[data-lesson-slug]")) {
    const mark = item.querySelector("[data-done-mark]");
    if (mark) mark.hidden = !isDone(item.dataset.lessonSlug);
    item.classList.toggle("is-done", isDone(item.dataset.lessonSlug));
  }
}

export function setUpMarkDone(slug) {
  const button = document.getElementById("mark-done");
  if (!button || !slug) return;
  const render = () => {
    const done = isDone(slug);
    button.setAttribute("aria-pressed", String(done));
    button.textContent = done ? "Done: mark as not done" : "Mark this lesson as done";
  };
  button.addEventListener("click", () => {
    write(keys.done(slug), isDone(slug) ? null : "1");
    render();
  });
  render();
}
