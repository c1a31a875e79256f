/**
 * Events: the one helper every component uses to record what happened to an object as a v1 Event,
 * aggregated like Kubernetes (a repeat bumps `count` and `lastTimestamp` instead of piling up).
 */
export { eventName, type RecordEventOptions, recordEvent } from "./record-event.js";
