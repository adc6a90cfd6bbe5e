// Start GOV.UK Frontend's components (loaded as an ES module from base.html).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// "Choose all" in the review queue: ticks (or, when all are ticked, unticks) the boxes of one group.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-select-all]");
  if (!button) return;
  const boxes = document.querySelectorAll(`#${CSS.escape(button.dataset.selectAll)} input[type=checkbox]`);
  const tick = Array.from(boxes).some((box) => !box.checked);
  boxes.forEach((box) => { box.checked = tick; });
});
