import { createHmac } from 'node:crypto';

/** What identifies a child for searching: the decrypted personal fields of their registration and later changes. */
export interface SearchableChild {
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly nhsNumber: string | null;
  readonly upn: string | null;
}

/**
 * Lower case, accents folded (é → e), apostrophes dropped (O'Brien → obrien), any other run of punctuation or
 * white space one space: how a name is written on a form and how a caseworker types it become the same text.
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** An NHS number's digits, however it was spaced. */
export function nhsDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/** A UPN as the DfE writes it: upper case, no spaces. */
export function normaliseUpn(text: string): string {
  return text.replace(/\s/g, '').toUpperCase();
}

/*
 * Each term names its kind, so a token of a name can never match an NHS number or a UPN that happens to be the
 * same text.
 */
const nameToken = (token: string): string => `name:${token}`;
const fullName = (name: string): string => `full-name:${name}`;
const nhs = (digits: string): string => `nhs:${digits}`;
const upn = (value: string): string => `upn:${value}`;

/** The plain terms a child is found by: each token of their names, their whole name, their NHS number and UPN. */
export function searchTermsOf(child: SearchableChild): string[] {
  const terms = new Set<string>();
  const name = normaliseName([child.givenName ?? '', child.familyName ?? ''].join(' '));
  if (name !== '') {
    for (const token of name.split(' ')) terms.add(nameToken(token));
    terms.add(fullName(name));
  }
  if (child.nhsNumber !== null && nhsDigits(child.nhsNumber) !== '') terms.add(nhs(nhsDigits(child.nhsNumber)));
  if (child.upn !== null && normaliseUpn(child.upn) !== '') terms.add(upn(normaliseUpn(child.upn)));
  return [...terms];
}

/**
 * The ways one search can match, each a set of terms a child must all have: every word of the search among
 * their names, the search as their whole name, as their NHS number (digits only) or as their UPN.
 */
export function searchAlternativesOf(search: string): string[][] {
  const alternatives: string[][] = [];
  const name = normaliseName(search);
  if (name !== '') {
    alternatives.push([...new Set(name.split(' '))].map(nameToken));
    alternatives.push([fullName(name)]);
  }
  if (/^[\d\s-]+$/.test(search) && nhsDigits(search) !== '') alternatives.push([nhs(nhsDigits(search))]);
  const asUpn = normaliseUpn(search);
  if (/^[A-Z0-9]+$/.test(asUpn)) alternatives.push([upn(asUpn)]);
  return alternatives;
}

/**
 * Keyed hashes (HMAC-SHA256) of search terms. The index holds only these: without the key, which is kept apart
 * from it, nobody holding the index can test guesses of a name against it.
 */
export class SearchTermHasher {
  constructor(private readonly key: Buffer) {}

  hash(term: string): string {
    return createHmac('sha256', this.key).update(term, 'utf8').digest('hex');
  }

  hashAll(terms: readonly string[]): string[] {
    return terms.map((term) => this.hash(term));
  }
}
