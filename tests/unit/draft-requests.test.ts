import { describe, expect, it } from 'vitest';
import { graphqlAsksForDrafts, restAsksForDrafts } from '../../cms/src/security/find-draft-request.ts';

describe('recognising a content-API request for drafts', () => {
  it('sees REST status=draft and the Strapi 4 publicationState=preview, and lets published reads through', () => {
    expect(restAsksForDrafts({ status: 'draft' })).toBe(true);
    expect(restAsksForDrafts({ status: ['draft'] })).toBe(true);
    expect(restAsksForDrafts({ publicationState: 'preview' })).toBe(true);
    expect(restAsksForDrafts({ status: 'published' })).toBe(false);
    expect(restAsksForDrafts({ publicationState: 'live' })).toBe(false);
    expect(restAsksForDrafts({ filters: { title: { $eq: 'draft' } } })).toBe(false);
  });

  it('sees status: DRAFT as a literal, in an alias, in a fragment and in a batch', () => {
    expect(graphqlAsksForDrafts({ query: '{ articles(status: DRAFT) { title } }' })).toBe(true);
    expect(graphqlAsksForDrafts({ query: '{ a: articles { title } b: articles(status: DRAFT) { title } }' })).toBe(true);
    expect(graphqlAsksForDrafts({ query: '{ ...F } fragment F on Query { ledgers(status: DRAFT) { title } }' })).toBe(true);
    expect(graphqlAsksForDrafts([{ query: '{ articles { title } }' }, { query: '{ pages(status: DRAFT) { title } }' }])).toBe(true);
  });

  it('sees DRAFT passed through a variable or a variable default, also when variables arrive as a string', () => {
    const query = 'query Q($s: PublicationStatus) { articles(status: $s) { title } }';
    expect(graphqlAsksForDrafts({ query, variables: { s: 'DRAFT' } })).toBe(true);
    expect(graphqlAsksForDrafts({ query, variables: JSON.stringify({ s: 'DRAFT' }) })).toBe(true);
    expect(graphqlAsksForDrafts({ query: 'query Q($s: PublicationStatus = DRAFT) { articles(status: $s) { title } }' })).toBe(true);
    expect(graphqlAsksForDrafts({ query, variables: { s: 'PUBLISHED' } })).toBe(false);
    expect(graphqlAsksForDrafts({ query })).toBe(false);
  });

  it('lets published queries and unparsable documents through (the GraphQL server refuses the latter)', () => {
    expect(graphqlAsksForDrafts({ query: '{ articles(status: PUBLISHED, filters: { title: { eq: "DRAFT" } }) { title } }' })).toBe(false);
    expect(graphqlAsksForDrafts({ query: '{ articles { title status' })).toBe(false);
    expect(graphqlAsksForDrafts(undefined)).toBe(false);
  });
});
