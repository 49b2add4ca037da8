package bulk

import (
	"context"
	"time"
)

// Status is the document bulk status prints.
type Status struct {
	Job      string        `json:"job"`
	Total    int           `json:"total"`
	Counts   map[State]int `json:"counts"`
	Failures []Failure     `json:"failures"`
	// Rate is tasks done per hour, over the span from the first to the last done.
	Rate float64 `json:"rate"`
	// ETA is when the remaining tasks are done at that rate (absent when unknown).
	ETA *time.Time `json:"eta"`
	// Finished says no task is left to work (every one done, skipped or failed).
	Finished bool `json:"finished"`
}

// Failure is a failed task, for the operator to fix and retry.
type Failure struct {
	UserPrincipalName string `json:"userPrincipalName"`
	Code              string `json:"code"`
	Message           string `json:"message"`
	Attempts          int    `json:"attempts"`
	Retryable         bool   `json:"retryable"`
}

// ReadStatus summarizes the job in s.
func ReadStatus(ctx context.Context, s Store, now time.Time) (*Status, error) {
	job, err := s.Job(ctx)
	if err != nil {
		return nil, err
	}
	st := &Status{Job: job.ID, Counts: map[State]int{}, Failures: []Failure{}}
	for _, k := range States() {
		st.Counts[k] = 0
	}
	var first, last time.Time
	err = s.Tasks(ctx, func(t *Task) error {
		st.Total++
		st.Counts[t.State]++
		if t.State == Failed {
			st.Failures = append(st.Failures, Failure{UserPrincipalName: firstNonEmpty(t.UPN, t.User), Code: t.Facts.ErrorCode,
				Message: t.Facts.ErrorMessage, Attempts: t.Attempts, Retryable: t.Facts.Retryable})
		}
		if f := t.Facts.Finished; t.State == Done && f != nil {
			if first.IsZero() || f.Before(first) {
				first = *f
			}
			if f.After(last) {
				last = *f
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	done := st.Counts[Done]
	left := st.Total - done - st.Counts[Skipped] - st.Counts[Failed]
	st.Finished = left == 0
	if span := last.Sub(first); done > 1 && span > 0 {
		st.Rate = float64(done-1) / span.Hours()
		if left > 0 {
			eta := now.Add(time.Duration(float64(left) / st.Rate * float64(time.Hour))).UTC().Truncate(time.Second)
			st.ETA = &eta
		}
	}
	return st, nil
}
