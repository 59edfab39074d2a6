def test_workspace_opens_with_the_2017_meeting(ws):
    assert ws.programme.meeting.id == "hlm2017"
    assert [len(p.questions) for p in ws.programme.panels] == [6, 5]
