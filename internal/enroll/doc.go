// Package enroll runs the registration ceremony as separate steps (creation options,
// credential on the key, submission to Graph) that the CLI exposes one by one or
// chains in `register`.
package enroll
