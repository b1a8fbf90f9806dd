import { defineCustomClientStrategy, toLocale } from '$lib/paraglide/runtime';

// In the browser the page speaks the language the server chose for it (`<html lang>`): the
// user's choice is in the book, which only the server reads. Changing it is a form post to
// /locale, which reloads the page; nothing is kept in the browser by the runtime.
defineCustomClientStrategy('custom-user', {
  getLocale: () => toLocale(document.documentElement.lang),
  setLocale: () => {},
});
