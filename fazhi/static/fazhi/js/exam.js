// The exam page's clock. The server says how many seconds are left (data-remaining, computed
// from the deadline stored on the sitting), so a reload shows the same clock; the paper is
// handed in a moment before the deadline, and a late hand-in is refused by the server anyway.
(function () {
  const clock = document.getElementById("clock");
  const form = document.getElementById("paper");
  if (!clock || !form) return;
  const left = document.getElementById("clock-left");
  const end = performance.now() + Number(clock.dataset.remaining) * 1000;
  let sent = false;
  function tick() {
    const seconds = Math.max(0, Math.round((end - performance.now()) / 1000));
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    left.textContent = m + ":" + String(s).padStart(2, "0");
    if (seconds <= 1 && !sent) {
      sent = true;
      form.requestSubmit();
      return;
    }
    setTimeout(tick, 500);
  }
  tick();
})();
