/**
 * Great-circle distance between two points on a spherical Earth (haversine formula).
 * @module
 */

/** Mean Earth radius in km (IUGG mean radius R1 = 6371.0088 km), used by {@link haversineKm}. */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance in km between two (latitude, longitude) points in decimal degrees, by
 * the haversine formula on a sphere of radius `radiusKm` (default {@link EARTH_RADIUS_KM}).
 *
 * @example
 * ```ts
 * haversineKm(39.9167, 116.3833, 51.1667, 71.4167); // ≈ 3,464 km (Beijing-Astana)
 * ```
 */
export function haversineKm(
  lat1: number,
  lon1: number,
  lat2: number,
  lon2: number,
  radiusKm: number = EARTH_RADIUS_KM,
): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * radiusKm * Math.asin(Math.min(1, Math.sqrt(a)));
}
