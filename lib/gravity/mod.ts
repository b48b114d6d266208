/**
 * The extended gravity study, one folder per job; imports point one way:
 * render -> study -> {forecast, world} -> potential -> equation -> config -> types
 * (synthetic sits beside study; notebook.ts is the one thin file that joins study and render).
 * @module
 */
export * from "./types.ts";
export * from "./config/mod.ts";
export * from "./equation/mod.ts";
export * from "./potential/mod.ts";
export * from "./world/mod.ts";
export * from "./forecast/mod.ts";
export * from "./study/mod.ts";
export * from "./render/mod.ts";
export * from "./synthetic/mod.ts";
export * from "./notebook.ts";
