// Completion marks: the server's record of the learner's lessons (GET /api/me/progress: a lesson
// is completed once each of its cells ran as written; otplab.exercises.LessonProgress) with a
// "Continue where you left off" link on the index, and the learner's own "mark as done" kept in
// this browser. Lesson pages report each cell that ran as written (reportCellRan).
import { keys, read, write } from "./storage.js";

/**
 * Tells the server a cell ran as the lesson says it should. A beacon: the page never waits for
 * it, and a server without the progress store simply drops it.
 */
export function reportCellRan(slug, cell) {
  if (!slug || !navigator.sendBeacon || !hasProgress()) return;
  navigator.sendBeacon(`/api/me/lessons/${encodeURIComponent(slug)}/cells/${encodeURIComponent(cell)}`);
}

/** Whether this server keeps progress (its exercise module sets the page feature "progress"). */
function hasProgress() {
  return (document.body.dataset.features || "").split(" ").includes("progress");
}

function continueLink(lesson) {
  const box = document.createElement("p");
  box.className = "continue";
  box.id = "continue";
  box.append("Continue where you left off: ");
  const link = document.createElement("a");
  link.href = lesson.url;
  link.textContent = lesson.title;
  box.append(link);
  return box;
}

/** On the index: the name the learner shows their instructor (PUT /api/me/name), empty to stay a pseudonym. */
async function nameForm() {
  const form = document.createElement("form");
  form.id = "learner-name";
  form.className = "learner-name";
  const label = document.createElement("label");
  label.htmlFor = "learner-name-input";
  label.textContent = "Your name for your instructor (optional)";
  const input = document.createElement("input");
  input.id = "learner-name-input";
  input.maxLength = 60;
  input.autocomplete = "name";
  const save = document.createElement("button");
  save.type = "submit";
  save.textContent = "Save name";
  const status = document.createElement("span");
  status.className = "learner-name-status";
  status.setAttribute("role", "status");
  form.append(label, " ", input, " ", save, " ", status);
  try {
    const response = await fetch("/api/me/name");
    if (response.ok) input.value = (await response.json()).name || "";
  } catch {
    // The form still works; it only starts empty.
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const response = await fetch("/api/me/name", {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: input.value }),
      });
      const body = await response.json();
      status.textContent = response.ok ? (body.name ? `Saved: your instructor sees “${body.name}”.` : "Cleared: your instructor sees a pseudonym.") : body.error;
    } catch {
      status.textContent = "The server could not be reached; try again.";
    }
  });
  return form;
}

/** On the index: marks the lessons the server has as completed and offers the lesson to continue with. */
export async function showLessonProgress() {
  if (!hasProgress() || document.body.dataset.page !== "index") return;
  let progress;
  try {
    const response = await fetch("/api/me/progress");
    if (!response.ok) return;
    progress = await response.json();
  } catch {
    return;
  }
  for (const item of document.querySelectorAll("[data-lesson-slug]")) {
    const lesson = progress.lessons[item.dataset.lessonSlug];
    if (!lesson) continue;
    const mark = item.querySelector("[data-done-mark]");
    if (lesson.completed || isDone(item.dataset.lessonSlug)) {
      item.classList.add("is-done");
      if (mark) mark.hidden = false;
    } else if (mark && !item.querySelector(".lesson-partial")) {
      const partial = document.createElement("span");
      partial.className = "lesson-partial";
      partial.textContent = `${lesson.ran} of ${lesson.cells} cells run`;
      mark.after(partial);
    }
  }
  const first = document.querySelector(".part");
  if (!first) return;
  if (progress.continue) first.before(continueLink(progress.continue));
  first.before(await nameForm());
}

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
