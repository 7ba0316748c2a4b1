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
export { normaliseText, normalisePhoneTranscript, type NormaliseOptions, type TranscriptSegment } from './normalise-text';
export { toSimplified, hasTraditional } from './convert-chinese';
export { extractEntities, type Entities, type Span } from './extract-entities';
export { isValidIdCard, idCardCheckChar } from './id-card';
export { classifyType, ticketTypes, type TicketType, type TypeResult } from './classify-type';
export { assessUrgency, type Urgency, type Referral, type UrgencyAssessment } from './assess-urgency';
export { loadModel, classify, classifyNormalised, type Model, type ModelJson, type LabelScore } from './classifier-model';
export { routeMessage, territorialDepartment, type RoutingInput, type RoutingContext, type RoutingDecision, type Candidate } from './route-message';
export { applyRules, matchRule, validateRule, type RoutingRule, type RuleHit } from './rules';
export { findPlaces, resolvePlace, placePath, type GazetteerEntry, type PlaceLevel, type PlaceMatch, type ResolvedPlace } from './gazetteer';
export {
  computeSignature,
  signatureBands,
  similarity,
  isDuplicate,
  findDuplicate,
  DUPLICATE_THRESHOLD,
  DUPLICATE_WINDOW_MS,
  type DuplicateCandidate,
  type DuplicateMatch,
} from './similarity';
export { clusterHotspots, type HotspotItem, type HotspotOptions, type HotspotCluster } from './cluster-hotspots';
export { correctionExample, type Correction, type CorrectionExample } from './corrections';
export { trainModel, defaultTrainOptions, type TrainingExample, type TrainOptions } from './train-classifier';
export { crossValidate, scorePredictions, type Metrics } from './evaluate-classifier';
export { segmentWords, messageFeatures } from './text-features';
export {
  demoGazetteer,
  demoDepartments,
  demoCategoryDepartments,
  demoTerritorialCategories,
  demoRules,
  demoThreshold,
  demoManualQueueDepartment,
  type Department,
  type DepartmentKind,
} from './demo-data';
export { shippedModel, demoRoutingContext } from './shipped-model';
