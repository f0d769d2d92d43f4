// An invalid `bonito tune` config for the CLI tests: every field below breaks a rule.
export default {
  objective: 42,
  trials: -3,
  sampler: 'grid',
  concurency: 2,
};
