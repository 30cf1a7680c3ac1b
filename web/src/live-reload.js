// Author mode: reload the page when the server says its lesson (or the course outline) changed.
const RETRY_MS = 1000;
const MAX_RETRY_MS = 10000;

export function connectLiveReload(slug, page) {
  let delay = RETRY_MS;
  const open = () => {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${window.location.host}/live-reload`);
    socket.addEventListener("open", () => {
      delay = RETRY_MS;
      document.body.dataset.liveReloadState = "open";
    });
    socket.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.type !== "reload") return;
      const slugs = message.slugs || [];
      if (page === "index" || page.startsWith("error") || slugs.includes(slug)) {
        window.location.reload();
      }
    });
    socket.addEventListener("close", () => {
      document.body.dataset.liveReloadState = "closed";
      // The server restarted or went away: try again, more slowly each time.
      window.setTimeout(open, delay);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    });
  };
  open();
}
