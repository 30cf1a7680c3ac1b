// Light and dark themes: follow the system until the reader picks one with the header button.
import { keys, read, write } from "./storage.js";

const root = document.documentElement;
const systemDark = window.matchMedia("(prefers-color-scheme: dark)");

function current() {
  const chosen = read(keys.theme);
  if (chosen === "light" || chosen === "dark") return chosen;
  return systemDark.matches ? "dark" : "light";
}

function apply(theme, button) {
  root.dataset.theme = theme;
  if (button) button.setAttribute("aria-pressed", String(theme === "dark"));
}

export function setUpThemeToggle() {
  const button = document.getElementById("theme-toggle");
  apply(current(), button);
  if (button) {
    button.addEventListener("click", () => {
      const next = root.dataset.theme === "dark" ? "light" : "dark";
      write(keys.theme, next);
      apply(next, button);
    });
  }
  systemDark.addEventListener("change", () => apply(current(), button));
}
