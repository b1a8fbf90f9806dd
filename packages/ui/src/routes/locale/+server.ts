import { redirect } from '@sveltejs/kit';
import { localeSchema } from '@tradeloop/core';
import { setUserLocale } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs } from '$lib/server/access';
import { book } from '$lib/server/book';
import { cookieOptions, nextPath } from '$lib/server/guard';
import { LOCALE_COOKIE } from '$lib/server/locale';
import { badRequest } from '$lib/server/request';
import type { RequestHandler } from './$types';

const formSchema = z.object({ locale: localeSchema, next: z.string().optional() });

/** Long enough to outlast any browser's cap (400 days): a choice stays until changed. */
const KEPT_MS = 400 * 24 * 3600_000;

/**
 * Choose the language (a form post from the switcher, with the page's CSRF token as the guard
 * checks): kept for the signed-in user in the book, so it follows them to any browser, and in a
 * cookie for this browser (the sign-in page, a book without users). Back to the page it came from.
 */
export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
  const form = await request.formData();
  const read = formSchema.safeParse({ locale: form.get('locale'), next: form.get('next') ?? undefined });
  if (!read.success)
    return badRequest([
      { code: 'input.invalid', path: ['body', 'locale'], message: read.error.issues[0]?.message ?? '' },
    ]);
  const { locale, next } = read.data;
  if (locals.actor && locals.session !== undefined) {
    const b = await book();
    const actor = locals.actor;
    actingAs(b, actor, () => setUserLocale(b, actor.user, locale));
  }
  cookies.set(LOCALE_COOKIE, locale, cookieOptions(url, new Date(Date.now() + KEPT_MS)));
  redirect(303, nextPath(next ?? null));
};
