import { describe, expect, it } from 'vitest'
import type { FeedbackField } from '../../db/schema.js'
import { responseRate } from './feedback.presenter.js'
import { splitAnswers } from './feedback-responses.js'
import { CHANNEL_PURPOSES, targetOf } from './survey-targeting.js'

describe('survey targeting (CON-3)', () => {
  it('invites an active customer whose standing consent is a grant, and names why anyone else is left out', () => {
    const general = { status: 'active', grade: 'general' }
    expect(targetOf({ ...general, consent: true }, null)).toBe('invite')
    expect(targetOf({ ...general, consent: true }, 'general')).toBe('invite')
    expect(targetOf({ ...general, consent: null }, null)).toBe('no_consent')
    expect(targetOf({ ...general, consent: false }, null)).toBe('consent_withdrawn')
    // A form for important customers asks none of the others.
    expect(targetOf({ ...general, consent: true }, 'important')).toBe('other_grade')
    // Restricted processing wins over any consent.
    expect(targetOf({ ...general, status: 'restricted', consent: true }, null)).toBe('not_active')
  })

  it('asks the consent of the channel it invites by', () => {
    expect(CHANNEL_PURPOSES).toEqual({
      sms: 'marketing_sms',
      email: 'marketing_email',
      phone: 'marketing_phone',
    })
  })
})

describe('response rate', () => {
  it('is responded over invited to 4 places, and none with nobody invited', () => {
    expect(responseRate(3, 2)).toBe(0.6667)
    expect(responseRate(4, 4)).toBe(1)
    expect(responseRate(0, 0)).toBeNull()
  })
})

describe('answers against their form (CUS-7)', () => {
  const fields: FeedbackField[] = [
    { key: 'score', kind: 'scale', label: '满意度', required: true },
    { key: 'pick', kind: 'choice', label: '渠道', required: false, options: ['A', 'B'] },
    { key: 'note', kind: 'text', label: '建议', required: false },
    { key: 'day', kind: 'date', label: '日期', required: false },
  ]
  it('keeps scores apart as numbers and everything else as text to seal', () => {
    const split = splitAnswers(fields, { score: 5, pick: 'B', note: '好', day: '2026-12-01' })
    expect(split).toEqual({
      problems: {},
      scores: { score: 5 },
      texts: { pick: 'B', note: '好', day: '2026-12-01' },
    })
  })
  it('names each bad answer by its field', () => {
    const { problems } = splitAnswers(fields, {
      score: 6,
      pick: 'C',
      day: '2026-13-45',
      other: 'x',
    })
    expect(problems).toEqual({
      'answers.score': 'notAllowed',
      'answers.pick': 'notAllowed',
      'answers.day': 'invalid',
      'answers.other': 'unknownField',
    })
    expect(splitAnswers(fields, {}).problems).toEqual({ 'answers.score': 'required' })
    expect(splitAnswers(fields, { score: 2.5 }).problems).toEqual({
      'answers.score': 'notAllowed',
    })
  })
})
