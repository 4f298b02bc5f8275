package repoconfig

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"text/template"
	"time"
)

// Budget of one template execution. checkTree already makes every loop
// end with the data; these bound what the remaining steps may build.
const (
	// maxFuncText bounds the text one function call returns.
	maxFuncText = MaxRenderedLength
	// maxFuncTotal bounds the text all function calls of one execution
	// return together, so variables cannot hoard memory.
	maxFuncTotal = 1 << 20
	// maxFuncCalls bounds the function calls of one execution.
	maxFuncCalls = 10_000
	// maxFormatWidth bounds a printf width or precision.
	maxFormatWidth = 1_000
	// templateDeadline bounds one execution's wall-clock time: a second
	// line of defence, as checkTree leaves no endless loop.
	templateDeadline = 500 * time.Millisecond
)

var (
	errTooLong       = fmt.Errorf("renders to more than %d characters", MaxRenderedLength)
	errTooSlow       = fmt.Errorf("takes longer than %v to render", templateDeadline)
	errFuncTooLong   = fmt.Errorf("a function would produce more than %d characters", maxFuncText)
	errTooMuchText   = fmt.Errorf("the functions produce more than %d characters in all", maxFuncTotal)
	errTooManyCalls  = fmt.Errorf("calls functions more than %d times", maxFuncCalls)
	errFormatVerb    = errors.New("printf formats may not use * or [n]")
	errFormatTooWide = fmt.Errorf("printf widths and precisions are at most %d", maxFormatWidth)
)

// budget is spent by one execution; the caller stops it at the deadline.
type budget struct {
	deadline time.Time
	stopped  atomic.Bool
	calls    int
	text     int
}

func newBudget() *budget { return &budget{deadline: time.Now().Add(templateDeadline)} }

// step counts one function call and fails once the budget is spent.
func (b *budget) step() error {
	b.calls++
	switch {
	case b.stopped.Load() || time.Now().After(b.deadline):
		return errTooSlow
	case b.calls > maxFuncCalls:
		return errTooManyCalls
	}
	return nil
}

// result accounts for s, a function's result.
func (b *budget) result(s string) (string, error) {
	if len(s) > maxFuncText {
		return "", errFuncTooLong
	}
	b.text += len(s)
	if b.text > maxFuncTotal {
		return "", errTooMuchText
	}
	return s, nil
}

// funcs are the template functions that produce text, each bounded by b.
// They replace Go's built-ins of the same names.
func (b *budget) funcs() template.FuncMap {
	return template.FuncMap{
		"plural": func(n int, one, many string) (string, error) {
			if err := b.step(); err != nil {
				return "", err
			}
			return b.result(plural(n, one, many))
		},
		"printf": func(format string, args ...any) (string, error) {
			if err := b.step(); err != nil {
				return "", err
			}
			est, err := formatBound(format, args)
			if err != nil {
				return "", err
			}
			if est > 8*maxFuncText {
				return "", errFuncTooLong
			}
			return b.result(fmt.Sprintf(format, args...))
		},
		"print":    b.sprint(fmt.Sprint),
		"println":  b.sprint(fmt.Sprintln),
		"html":     b.sprint(template.HTMLEscaper),
		"js":       b.sprint(template.JSEscaper),
		"urlquery": b.sprint(template.URLQueryEscaper),
	}
}

// sprint bounds a function that writes its arguments, possibly escaped
// (at most 6 characters per byte), one after the other.
func (b *budget) sprint(f func(...any) string) func(...any) (string, error) {
	return func(args ...any) (string, error) {
		if err := b.step(); err != nil {
			return "", err
		}
		est := 0
		for _, a := range args {
			est += 8*textSize(reflect.ValueOf(a), 0) + 64
		}
		if est > 8*maxFuncText {
			return "", errFuncTooLong
		}
		return b.result(f(args...))
	}
}

// formatBound is an upper bound of the length of fmt.Sprintf(format,
// args...): each verb writes at most its width and precision once per
// element of its argument, plus eight characters per byte of the argument
// (escapes such as "% #x" write five). Formats that take widths from the
// arguments or reorder them are refused.
func formatBound(format string, args []any) (int, error) {
	total, elems := 0, 1
	for _, a := range args {
		v := reflect.ValueOf(a)
		total += 8*textSize(v, 0) + 64
		elems = max(elems, elemCount(v, 0))
	}
	total += len(format)
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		width := 0
		for i++; i < len(format); i++ {
			c := format[i]
			switch {
			case c == '*' || c == '[':
				return 0, errFormatVerb
			case c >= '0' && c <= '9':
				n := 0
				for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
					n = min(n*10+int(format[i]-'0'), maxFormatWidth+1)
				}
				if n > maxFormatWidth {
					return 0, errFormatTooWide
				}
				width += n
				i--
				continue
			case strings.IndexByte("+-# .", c) >= 0:
				continue
			}
			break
		}
		total += (width + 64) * elems
	}
	return total, nil
}

// textSize bounds the bytes of text a value holds: its strings and, for
// anything else, a generous constant per value.
func textSize(v reflect.Value, depth int) int {
	if depth > 8 {
		return 64
	}
	switch v.Kind() {
	case reflect.String:
		return v.Len()
	case reflect.Slice, reflect.Array:
		n := 0
		for i := range v.Len() {
			n += textSize(v.Index(i), depth+1) + 8
		}
		return n + 8
	case reflect.Struct:
		n := len(v.Type().String())
		for i := range v.NumField() {
			n += textSize(v.Field(i), depth+1) + len(v.Type().Field(i).Name) + 8
		}
		return n
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 8
		}
		return textSize(v.Elem(), depth+1) + 8
	}
	return 64
}

// elemCount counts the values a verb formats one by one in v.
func elemCount(v reflect.Value, depth int) int {
	if depth > 8 {
		return 1
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		n := 1
		for i := range v.Len() {
			n += elemCount(v.Index(i), depth+1)
		}
		return n
	case reflect.Struct:
		n := 1
		for i := range v.NumField() {
			n += elemCount(v.Field(i), depth+1)
		}
		return n
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 1
		}
		return elemCount(v.Elem(), depth+1)
	}
	return 1
}

// limitedBuilder stops a template whose output grows past MaxRenderedLength
// or whose budget is stopped.
type limitedBuilder struct {
	strings.Builder
	b *budget
}

func (w *limitedBuilder) Write(p []byte) (int, error) {
	if w.b != nil && w.b.stopped.Load() {
		return 0, errTooSlow
	}
	if w.Len()+len(p) > MaxRenderedLength {
		return 0, errTooLong
	}
	return w.Builder.Write(p)
}

// execute runs t on data under a fresh budget. The execution runs in its
// own goroutine so that the caller gets errTooSlow at the deadline even if
// the execution were stuck; the stopped budget then fails its next write or
// function call.
func execute(t *template.Template, data any) (string, error) {
	b := newBudget()
	t.Funcs(b.funcs())
	type outcome struct {
		text string
		err  error
	}
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if r := recover(); r != nil {
				o = outcome{err: fmt.Errorf("template panicked: %v", r)}
			}
			done <- o
		}()
		w := &limitedBuilder{b: b}
		o.err = t.Execute(w, data)
		o.text = w.String()
	}()
	timer := time.NewTimer(time.Until(b.deadline))
	defer timer.Stop()
	select {
	case o := <-done:
		return o.text, o.err
	case <-timer.C:
		b.stopped.Store(true)
		return "", errTooSlow
	}
}
