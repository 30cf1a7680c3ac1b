// Loaded on every page: theme switch, completion marks and, in author mode, live reload.
import { setUpThemeToggle } from "./theme.js";
import { setUpMarkDone, showCompletionMarks } from "./progress.js";
import { connectLiveReload } from "./live-reload.js";

const body = document.body;
setUpThemeToggle();
showCompletionMarks();
setUpMarkDone(body.dataset.slug);
if (body.dataset.liveReload === "true") {
  connectLiveReload(body.dataset.slug, body.dataset.page || "");
}
