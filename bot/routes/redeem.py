"""/start with an invitation: a contact's link registers them for their alliance, a staff
link adds a colleague (`bot.alliance.team`). Without one, /start is the dialog's."""

from __future__ import annotations

from bot.alliance.staff import INVITE_PREFIX, redemption_reply
from bot.alliance.team import STAFF_INVITE_PREFIX, TeamDesk
from bot.core.outputs import EngineOutput, Reply
from bot.storage.contacts import Redemption
from bot.turn import Turn


async def redeem_invitation(turn: Turn, argument: str, team: TeamDesk) -> list[EngineOutput] | None:
    """The invitation `argument` carries redeemed; None: no invitation."""
    if argument.startswith(STAFF_INVITE_PREFIX):
        return await team.redeem(turn, argument.removeprefix(STAFF_INVITE_PREFIX))
    if argument.startswith(INVITE_PREFIX):
        return await redeem_contact(turn, argument.removeprefix(INVITE_PREFIX))
    return None


async def redeem_contact(turn: Turn, token: str) -> list[EngineOutput]:
    name = turn.incoming.name or f"#{turn.user.id}"
    redeemed = await turn.contacts.redeem(token, turn.user.id, name)
    alliance = ""
    if redeemed.alliance_id:
        try:
            alliance = turn.advisor.kb.local_alliance(redeemed.alliance_id).name
        except KeyError:
            alliance = redeemed.alliance_id
    if redeemed.outcome is Redemption.REGISTERED:
        turn.menu_changed = True
    return [Reply((redemption_reply(redeemed.outcome, alliance),))]
