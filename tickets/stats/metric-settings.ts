// The settings behind the leaders' figures (DESIGN.md "Metrics"), kept in the `settings` row
// `metrics` and edited by admins (PUT /api/v1/admin/metrics): the composite score's weights, the
// minimum sample below which a department is listed apart, and the sign-for window (签收时限).
// The window is applied when a ticket is signed for, so a change never rewrites past figures.
import { z } from '@hono/zod-openapi';

export const metricSettingsSchema = z
  .object({
    weights: z
      .object({
        response: z.number().min(0).max(1),
        resolution: z.number().min(0).max(1),
        satisfaction: z.number().min(0).max(1),
      })
      .refine((w) => Math.abs(w.response + w.resolution + w.satisfaction - 1) < 1e-9, {
        message: '三项权重之和须为 1',
      }),
    minimumSample: z.number().int().min(1).max(10_000),
    signWindow: z.object({
      /** Working minutes on office-hours tickets. */
      workingMinutes: z
        .number()
        .int()
        .min(1)
        .max(10 * 480),
      /** Minutes on round-the-clock (urgent) tickets. */
      clockMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
  })
  .openapi('MetricSettings');

export type MetricSettings = z.output<typeof metricSettingsSchema>;

/** 0.30 × response + 0.35 × resolution + 0.35 × satisfaction; 10 rated tickets; 2 working hours, urgent 30 minutes. */
export const defaultMetricSettings: MetricSettings = {
  weights: { response: 0.3, resolution: 0.35, satisfaction: 0.35 },
  minimumSample: 10,
  signWindow: { workingMinutes: 120, clockMinutes: 30 },
};

export const METRIC_SETTINGS_KEY = 'metrics';

/** The stored settings, or the defaults where the row is missing or no longer valid. */
export function metricSettingsOf(rows: ReadonlyArray<{ key: string; value: unknown }>): MetricSettings {
  const row = rows.find((r) => r.key === METRIC_SETTINGS_KEY);
  const parsed = row ? metricSettingsSchema.safeParse(row.value) : null;
  return parsed?.success ? parsed.data : defaultMetricSettings;
}
