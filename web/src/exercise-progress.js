// On the course index: the practice exercises in course order, each with its completion mark
// (a submission of this learner passed), read from GET /api/exercises.
function item(exercise) {
  const li = document.createElement("li");
  li.className = "lesson-item exercise-item";
  li.dataset.exerciseSlug = exercise.slug;
  li.classList.toggle("is-done", exercise.completed);
  const text = document.createElement("div");
  text.className = "lesson-text";
  const link = document.createElement("a");
  link.className = "lesson-link";
  link.href = exercise.url;
  link.textContent = exercise.title;
  const mark = document.createElement("span");
  mark.className = "done-mark";
  mark.dataset.exerciseDone = "";
  mark.textContent = "Completed";
  mark.hidden = !exercise.completed;
  const meta = document.createElement("p");
  meta.className = "lesson-meta";
  meta.textContent = `${exercise.difficulty} · ${exercise.points} points`
    + (exercise.submissions ? ` · ${exercise.submissions} submission${exercise.submissions === 1 ? "" : "s"}` : "");
  text.append(link, mark, meta);
  li.append(text);
  return li;
}

export async function showExerciseProgress() {
  const main = document.getElementById("main");
  if (!main || document.body.dataset.page !== "index") return;
  let exercises;
  try {
    const response = await fetch("/api/exercises");
    if (!response.ok) return;
    exercises = await response.json();
  } catch {
    return;
  }
  if (exercises.length === 0) return;
  const section = document.createElement("section");
  section.className = "part exercises";
  section.setAttribute("aria-labelledby", "exercises-title");
  const heading = document.createElement("h2");
  heading.id = "exercises-title";
  heading.textContent = "Practice exercises";
  const list = document.createElement("ol");
  list.className = "lesson-list exercise-list";
  list.append(...exercises.map(item));
  section.append(heading, list);
  main.append(section);
}
