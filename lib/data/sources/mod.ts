/**
 * One reader per source: World Bank, IMF DOTS, UN Comtrade, CEPII, oil prices, capitals, web-page figures.
 * @module
 */
export * from "./bilateral.ts";
export * from "./capitals.ts";
export * from "./cepii.ts";
export * from "./comtrade.ts";
export * from "./country_names.ts";
export * from "./dots.ts";
export * from "./geo.ts";
export * from "./macro.ts";
export * from "./oil_prices.ts";
export * from "./pages.ts";
export * from "./wdi.ts";
