/**
 * Label and field selectors: kubectl's `-l` string syntax, the structured
 * `{ matchLabels, matchExpressions }` form of manifests, plain label maps, and `--field-selector`.
 * Pure: parsing and matching only.
 */
export { parseFieldSelector, SUPPORTED_FIELDS } from "./field-selector.js";
export { labelSelectorFromSet, labelSelectorFromSpec, validateLabelSelectorSpec } from "./from-spec.js";
export { dnsSubdomainErrors, labelKeyErrors, labelValueErrors } from "./label-syntax.js";
export { parseLabelSelector } from "./parser.js";
export {
  EVERYTHING,
  NOTHING,
  type Operator,
  type Requirement,
  RequirementSelector,
  requirementMatches,
  requirementString,
} from "./requirement.js";
export type { FieldSelector, LabelSelector, LabelSelectorRequirement, LabelSelectorSpec } from "./types.js";
