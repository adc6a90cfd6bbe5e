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

// The body map (health/body_map.html): pressing an area of the outline ticks its box, and a
// ticked box marks its area. The boxes are what is saved; the outline is a picture of them.
document.addEventListener("click", (event) => {
  const area = event.target.closest(".hearth-body-map [data-area]");
  if (!area) return;
  const box = document.querySelector(`input[type=checkbox][value="${CSS.escape(area.dataset.area)}"]`);
  if (!box) return;
  box.checked = !box.checked;
  box.dispatchEvent(new Event("change", { bubbles: true }));
});
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
  document.querySelectorAll(`.hearth-body-map [data-area="${CSS.escape(box.value)}"]`).forEach((area) => {
    area.classList.toggle("is-marked", box.checked);
  });
});
