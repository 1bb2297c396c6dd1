export * from './noise';
export * from './threading';
export * from './quotes';
export * from './template';
export * from './clean-text';
export * from './survey-mail';
