/** The synthetic world of lib/gravity/synthetic/world.ts under the names the tests use. */
export {
  SYNTHETIC_WORLD_BETA as TRUE_BETA,
  SYNTHETIC_WORLD_CA5 as CA5,
  syntheticWorld,
} from "../../../lib/gravity/synthetic/world.ts";
