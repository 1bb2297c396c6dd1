// wink-sentiment ships no types: the part of its API Keel uses.
declare module 'wink-sentiment' {
  interface ScoredToken { value: string; tag: string; score?: number; negation?: boolean }
  interface SentimentResult { score: number; normalizedScore: number; tokenizedPhrase: ScoredToken[] }
  export default function analyse(phrase: string): SentimentResult;
}
