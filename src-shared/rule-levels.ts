// Sigma's rule levels, least to most severe: rule hits store their index (0–4). Apart from the
// rest of src-shared/rules.ts, so the filter language (which the domain schemas import) can use them.
export const RULE_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type RuleLevelName = (typeof RULE_LEVELS)[number];
