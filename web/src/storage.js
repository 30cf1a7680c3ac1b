// localStorage that never throws: private windows and full quotas must not break a page.
export function read(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function write(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the page keeps working, the value just is not remembered.
  }
}

export const keys = {
  theme: "otplab:theme",
  done: (slug) => `otplab:done:${slug}`,
  cell: (slug, id) => `otplab:cell:${slug}:${id}`,
};
