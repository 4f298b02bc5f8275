package gatherings

// ProblemBackoff is problemBackoff, for the external tests.
const ProblemBackoff = problemBackoff
