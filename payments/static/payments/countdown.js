/* The basket's countdown: updates the visible time every second and tells screen readers only at
   whole minutes (and at 1 minute), so the page stays calm. Without JavaScript the server-rendered
   "held until" time stays correct. */
(function () {
  "use strict";
  var clock = document.querySelector("[data-countdown]");
  if (!clock) { return; }
  var left = parseInt(clock.getAttribute("data-countdown"), 10);
  var display = clock.querySelector("[data-countdown-display]");
  var spoken = clock.querySelector("[data-countdown-spoken]");
  var expired = document.querySelector("[data-countdown-expired]");
  var endsAt = Date.now() + left * 1000;
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    var seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    display.textContent = Math.floor(seconds / 60) + ":" + pad(seconds % 60);
    if (seconds % 60 === 0 || seconds === 60) {
      spoken.textContent = clock.getAttribute("data-spoken-template").replace("%(minutes)s", String(Math.ceil(seconds / 60)));
    }
    if (seconds === 0) {
      if (expired) { expired.hidden = false; }
      document.querySelectorAll("[data-needs-hold]").forEach(function (el) { el.disabled = true; });
      return;
    }
    window.setTimeout(tick, 1000);
  }
  tick();
})();
