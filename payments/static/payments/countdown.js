/* The basket's countdown. The visible clock (hidden from screen readers) ticks every second; the polite
   live region speaks only when the whole minutes left change, and then only at every fifth minute and
   in each of the last five, so someone using a screen reader is not interrupted every minute of a
   quarter of an hour. Nothing is spoken on arrival: the page already says until when everything is held.
   Without JavaScript the server-rendered "held until" time is all there is, and it stays correct. */
(function () {
  "use strict";
  var clock = document.querySelector("[data-countdown]");
  if (!clock) { return; }
  var left = parseInt(clock.getAttribute("data-countdown"), 10);
  var display = clock.querySelector("[data-countdown-display]");
  var spoken = clock.querySelector("[data-countdown-spoken]");
  var expired = document.querySelector("[data-countdown-expired]");
  var visible = clock.querySelector(".js-only");
  var endsAt = Date.now() + left * 1000;
  var lastMinutes = Math.ceil(left / 60);
  if (visible) { visible.hidden = false; }
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function speak(minutes) {
    if (minutes === 1) {
      spoken.textContent = clock.getAttribute("data-spoken-last");
    } else if (minutes <= 5 || minutes % 5 === 0) {
      spoken.textContent = clock.getAttribute("data-spoken-template").replace("%(minutes)s", String(minutes));
    }
  }
  function tick() {
    var seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    var minutes = Math.ceil(seconds / 60);
    display.textContent = Math.floor(seconds / 60) + ":" + pad(seconds % 60);
    if (minutes !== lastMinutes && minutes > 0) { speak(minutes); }
    lastMinutes = minutes;
    if (seconds === 0) {
      spoken.textContent = "";
      if (expired) { expired.hidden = false; }
      document.querySelectorAll("[data-needs-hold]").forEach(function (el) { el.disabled = true; });
      return;
    }
    window.setTimeout(tick, 1000);
  }
  tick();
})();
