// Start GOV.UK Frontend's components (loaded as an ES module from base.html).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
