// Routing engine of the 12345 hub: pure functions (no HTTP, no D1, no clock) that the intake
// path and the command-line tools call. See routing/README.md for the whole API and the model.
//
//   normaliseText(text, { channel? }) → string
//   normalisePhoneTranscript(segments) → string                 the caller's words, fillers removed
//   extractEntities(text, gazetteer?) → Entities                 spans { value, start, end }
//   classifyType(text, hint?) → { type, keywords }
//   assessUrgency(text) → { urgency, lifeDanger, referral?, keywords }
//   loadModel(json) → Model;  classify(model, text, title?) → { label, score }[]
//   routeMessage(input, context) → RoutingDecision               the stored explanation
//   computeSignature(text), signatureBands(sig), similarity(a, b), isDuplicate(a, b)
//   findDuplicate(message, candidates, now) → { ticketId, similarity } | null
//   clusterHotspots(items, options) → HotspotCluster[]
//   correctionExample(correction, categoryDepartments, labels, previous?) → example | null
//   trainModel(examples, options?) → ModelJson;  crossValidate(examples, folds?, options?)
//   demoGazetteer, demoDepartments, demoCategoryDepartments, demoTerritorialCategories,
//   demoRules, demoThreshold, demoManualQueueDepartment, shippedModel()

export { assessUrgency, type Referral, type Urgency, type UrgencyAssessment } from './assess-urgency';
export {
  classify,
  classifyNormalised,
  type LabelScore,
  loadModel,
  type Model,
  type ModelJson,
} from './classifier-model';
export { classifyType, type TicketType, type TypeResult, ticketTypes } from './classify-type';
export { clusterHotspots, type HotspotCluster, type HotspotItem, type HotspotOptions } from './cluster-hotspots';
export { hasTraditional, toSimplified } from './convert-chinese';
export { type Correction, type CorrectionExample, correctionExample } from './corrections';
export * from './demo-data';
export { crossValidate, type Metrics, scorePredictions } from './evaluate-classifier';
export { type Entities, extractEntities, type Span } from './extract-entities';
export { extractNames, type NameSpans, surnamePattern } from './extract-names';
export {
  findPlaces,
  type GazetteerEntry,
  type PlaceLevel,
  type PlaceMatch,
  placePath,
  type ResolvedPlace,
  resolvePlace,
} from './gazetteer';
export { idCardCheckChar, isValidIdCard } from './id-card';
export {
  type NormaliseOptions,
  normalisePhoneTranscript,
  normaliseText,
  type TranscriptSegment,
} from './normalise-text';
export {
  type Candidate,
  type RoutingContext,
  type RoutingDecision,
  type RoutingInput,
  routeMessage,
  territorialDepartment,
} from './route-message';
export { applyRules, matchRule, type RoutingRule, type RuleHit, validateRule } from './rules';
export { demoRoutingContext, shippedModel } from './shipped-model';
export {
  computeSignature,
  DUPLICATE_THRESHOLD,
  DUPLICATE_WINDOW_MS,
  type DuplicateCandidate,
  type DuplicateMatch,
  findDuplicate,
  isDuplicate,
  signatureBands,
  similarity,
} from './similarity';
export { messageFeatures, segmentWords } from './text-features';
export { defaultTrainOptions, type TrainingExample, type TrainOptions, trainModel } from './train-classifier';
