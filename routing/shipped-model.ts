// The model that ships inside the Worker bundle (trained on messages-train.jsonl by
// `npm run routing:train`), unpacked once per isolate, and a ready demo routing context.

import { loadModel, type Model } from './classifier-model';
import {
  demoCategoryDepartments,
  demoDepartments,
  demoGazetteer,
  demoManualQueueDepartment,
  demoRules,
  demoTerritorialCategories,
  demoThreshold,
} from './demo-data';
import modelJson from './model/model.json';
import type { RoutingContext } from './route-message';

let cached: Model | null = null;

export function shippedModel(): Model {
  cached ??= loadModel(modelJson);
  return cached;
}

/** The demo city's routing context with the shipped model (tests, CLI, first start). */
export function demoRoutingContext(): RoutingContext {
  return {
    model: shippedModel(),
    rules: demoRules,
    gazetteer: demoGazetteer,
    departments: demoDepartments,
    categoryDepartments: demoCategoryDepartments,
    territorialCategories: demoTerritorialCategories,
    threshold: demoThreshold,
    manualQueueDepartment: demoManualQueueDepartment,
  };
}
