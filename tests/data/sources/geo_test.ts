import assert from "node:assert/strict";
import { EARTH_RADIUS_KM, haversineKm } from "../../../lib/data/sources/geo.ts";

// References computed independently with Python (same haversine formula, R = 6371.0088 km):
// /usr/bin/python3 -c "import math; ..." (2*R*asin(sqrt(sin²(dφ/2)+cos φ1 cos φ2 sin²(dλ/2)))).
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * b, `${a} vs ${b}`);

Deno.test("haversine: Beijing-Astana and Beijing-Ashgabat (techslides coordinates)", () => {
  close(
    haversineKm(39.916666666666664, 116.383333, 51.166666666666664, 71.416667),
    3652.457109125945,
  );
  close(haversineKm(39.916666666666664, 116.383333, 37.95, 58.383333), 4931.287228060524);
});

Deno.test("haversine: London-Paris ≈ 343.6 km; half the equator = π R", () => {
  // Published value for these coordinates is about 343.5 km (e.g. Movable Type's calculator).
  close(haversineKm(51.5074, -0.1278, 48.8566, 2.3522), 343.55653488088313);
  close(haversineKm(0, 0, 0, 180), Math.PI * EARTH_RADIUS_KM);
  assert.equal(haversineKm(10, 20, 10, 20), 0);
});
