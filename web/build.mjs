// Builds web/dist/assets from web/src and web/static with esbuild, using this machine's node.
// Runs `npm ci` first when node_modules is missing or older than package-lock.json, so a
// clean checkout builds from `mvn package` alone. Never downloads Node or a browser.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const lock = join(root, "package-lock.json");
const installed = join(root, "node_modules", ".package-lock.json");

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log("otplab web: installing npm packages (npm ci)...");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: root, stdio: "inherit" });
}

const { build } = await import("esbuild");
const out = join(root, "dist", "assets");
rmSync(join(root, "dist"), { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: { page: "src/page.js", lesson: "src/lesson.js", exercise: "src/exercise.js" },
  bundle: true,
  splitting: true,
  format: "esm",
  minify: true,
  sourcemap: false,
  target: ["es2020"],
  outdir: out,
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
cpSync(join(root, "static"), out, { recursive: true });
console.log("otplab web: bundle written to web/dist/assets");
