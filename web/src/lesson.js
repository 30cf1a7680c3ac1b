// Loaded on lesson pages: turns every Java cell into an editor. Features that act on cells
// (the runner's Run/Reset/Stop buttons and output pane) import from ./cells.js and use onCell.
import { mountCells } from "./cells.js";
import { connectRunner } from "./runner.js";
import { connectPanels } from "./panels.js";
import { connectObserver, linkObserverStyle } from "./observer.js";

const session = connectRunner();
connectPanels(session);
linkObserverStyle();
connectObserver(session);
mountCells(document);
