import { stochasticFrontier } from "./lib/stats/frontier/fit.ts";
import { rice } from "./tests/stats/frontier/data.ts";
const d = rice();
const r = stochasticFrontier(d.y, d.x, { inefficiency: "truncnormal" });
console.log(r.coefficients.map(c=>c.estimate), r.sigmaSq, r.gamma, r.mu, r.logLik, r.warnings, r.iterations, r.converged);
const r2 = stochasticFrontier(d.y, d.x, {});
console.log(r2.sigmaSq, r2.gamma, r2.logLik, r2.warnings);
