// Loaded on every page: theme switch, completion marks (lessons; exercises on the index) and,
// in author mode, live reload.
import { setUpThemeToggle } from "./theme.js";
import { setUpMarkDone, showCompletionMarks, showLessonProgress } from "./progress.js";
import { connectLiveReload } from "./live-reload.js";
import { showExerciseProgress } from "./exercise-progress.js";

const body = document.body;
setUpThemeToggle();
showCompletionMarks();
showExerciseProgress();
showLessonProgress();
setUpMarkDone(body.dataset.slug);
if (body.dataset.liveReload === "true") {
  connectLiveReload(body.dataset.slug, body.dataset.page || "");
}
