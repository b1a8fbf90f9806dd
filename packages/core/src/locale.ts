import { z } from 'zod';

/**
 * The languages the app speaks, as BCP 47 tags. English first: the language of a person who has
 * chosen none and whose browser asks for none of these.
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const localeSchema = z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` });
