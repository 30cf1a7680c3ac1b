package otplab.cli;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a release's {@code bin/otplab}: bash using only its builtins and absolute paths,
 * so it runs with an empty {@code PATH} and no JDK installed, like the script {@code mix release}
 * writes. Everything that needs more than a builtin (waiting for a stopped server) is done by the
 * image's own JVM.
 */
final class ReleaseLauncher {
    private ReleaseLauncher() {}

    /** {@code classpath} entries are relative to the image root; {@code workerJar} is a file name in {@code worker/}. */
    static String script(List<String> classpath, String workerJar) {
        String cp = classpath.stream().map(entry -> "$ROOT/" + entry).collect(Collectors.joining(":"));
        String flags = String.join(" ", ReleaseCommand.SERVER_FLAGS);
        return """
                #!/bin/bash
                # OTP Lab release launcher, written by ./otplab release. Needs no JDK and nothing on PATH.
                set -u
                case "$0" in */*) BIN_DIR="${0%/*}" ;; *) BIN_DIR=. ;; esac
                ROOT="$(cd "$BIN_DIR/.." && pwd -P)"
                JAVA="$ROOT/runtime/bin/java"
                CP="@CP@"
                PID_FILE="${OTPLAB_PID_FILE:-$ROOT/otplab.pid}"
                LOG_FILE="${OTPLAB_LOG_FILE:-$ROOT/otplab.log}"
                FLAGS=(@FLAGS@ -Dotplab.home="$ROOT" -Dotplab.workerJar="$ROOT/worker/@WORKER_JAR@")
                SERVER=("${FLAGS[@]}" -Dotplab.release=true)
                # OTPLAB_AOT=off starts without the server's AOT cache (to compare, or to rule it out).
                if [ -f "$ROOT/server.aot" ] && [ "${OTPLAB_AOT:-on}" != "off" ]; then
                  SERVER+=(-XX:AOTCache="$ROOT/server.aot" -Xlog:aot=off,cds=off)
                fi
                # A release runs in prod unless told otherwise (no live reload, no author mode).
                export OTP_LAB_ENV="${OTP_LAB_ENV:-prod}"

                usage() {
                  text='Usage: bin/otplab <command> [arguments]

                Commands:
                  start                  run the server in the foreground (SIGTERM or Ctrl+C stops it in order)
                  daemon                 run the server in the background; its pid goes to $OTPLAB_PID_FILE
                  stop                   stop the background server (SIGTERM), waiting until it has finished
                  pid                    print the background server'"'"'s pid
                  check                  prove the bundled course (lessons render, cells run, solutions pass)
                  grade EXERCISE DIR     grade one solution (see ./otplab grade)
                  version                print what the image was built with

                Settings (environment): SECRET_KEY_BASE (required), PORT, HOST, DATABASE_URL, DATA_DIR,
                OTPLAB_SHUTDOWN_SECONDS and the others in docs/DEPLOY.md.'
                  printf '%s\\n' "$text"
                }

                running_pid() {
                  local pid
                  [ -f "$PID_FILE" ] && read -r pid <"$PID_FILE" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && printf '%s\\n' "$pid"
                }

                command="${1:-}"
                [ $# -gt 0 ] && shift
                case "$command" in
                  start)
                    exec "$JAVA" "${SERVER[@]}" -cp "$CP" otplab.cli.Main serve "$@" ;;
                  daemon)
                    if pid="$(running_pid)"; then
                      printf 'otplab: already running as process %s\\n' "$pid" >&2; exit 1
                    fi
                    if [ -z "${SECRET_KEY_BASE:-}" ]; then
                      printf 'otplab: SECRET_KEY_BASE must be set: it signs the learners'"'"' cookies\\n' >&2; exit 3
                    fi
                    "$JAVA" "${SERVER[@]}" -cp "$CP" otplab.cli.Main serve "$@" >>"$LOG_FILE" 2>&1 </dev/null &
                    printf '%s\\n' "$!" >"$PID_FILE"
                    printf 'otplab: started as process %s (log: %s)\\n' "$!" "$LOG_FILE" ;;
                  stop)
                    exec "$JAVA" "${FLAGS[@]}" -Xshare:auto -cp "$CP" otplab.cli.Main stop "$PID_FILE" ;;
                  pid)
                    running_pid || { printf 'otplab: not running\\n' >&2; exit 1; } ;;
                  check|grade)
                    exec "$JAVA" "${FLAGS[@]}" -Xshare:auto -cp "$CP" otplab.cli.Main "$command" "$@" ;;
                  version)
                    while IFS= read -r line; do printf '%s\\n' "$line"; done <"$ROOT/RELEASE" ;;
                  ""|-h|--help|help)
                    usage ;;
                  *)
                    printf 'otplab: unknown command '"'"'%s'"'"'\\n' "$command" >&2
                    usage >&2
                    exit 3 ;;
                esac
                """.replace("@CP@", cp).replace("@FLAGS@", flags).replace("@WORKER_JAR@", workerJar);
    }
}
