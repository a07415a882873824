"""Annotated example articles written for this project (invented countries, people and firms).

Each body sentence carries its gold claims as (type, speaker, actor); sentences with none are
narration. Kept as Python so that a reviewer reads sentence and label side by side.
"""

from __future__ import annotations

from typing import Any

D, W, A, S = "denial", "warning", "accusation", "assertion"

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "own-borduria-fishing-standoff",
        "title": "Borduria warns it will not sit idly by over seized trawlers",
        "title_claims": [(W, "Borduria", "Borduria")],
        "body": [
            ("Two Bordurian trawlers were held by the Syldavian coast guard on Sunday.", []),
            (
                "Bordurian Foreign Minister Karel Voss said his country would not stand idly by"
                " while its fishermen were detained.",
                [(W, "Karel Voss", "Borduria")],
            ),
            (
                "“Those who play with fire in our waters should remember who holds the matches,”"
                " Voss told reporters in the capital.",
                [(W, "Karel Voss", "Borduria")],
            ),
            (
                "Syldavia's interior ministry said the boats had been fishing without a licence.",
                [(A, "interior ministry", "Syldavia")],
            ),
            (
                "A ministry spokeswoman, Ana Petrel, said the crews were being treated well and"
                " would be questioned on Monday.",
                [(S, "Ana Petrel", "Syldavia")],
            ),
            (
                "If the trawlers are not released by Friday, Borduria will recall its ambassador,"
                " Voss said.",
                [(W, "Karel Voss", "Borduria")],
            ),
            ("The two countries signed a fisheries treaty in 2009.", []),
            (
                "Voss said the treaty gave Bordurian boats the right to fish there.",
                [(S, "Karel Voss", "Borduria")],
            ),
        ],
    },
    {
        "id": "own-kessel-bank-rates",
        "title": "Central bank of Kessel says it will not hesitate to raise rates again",
        "title_claims": [(W, "Central bank of Kessel", "Central Bank of Kessel")],
        "body": [
            ("Inflation in Kessel rose to 7.1 percent in March.", []),
            (
                "Governor Lidia Marsh said the bank would not hesitate to act forcefully if prices"
                " kept climbing.",
                [(W, "Lidia Marsh", "Central Bank of Kessel")],
            ),
            (
                "Marsh said the economy had grown by 2 percent in the first quarter.",
                [(S, "Lidia Marsh", "Central Bank of Kessel")],
            ),
            (
                "“Households should be prepared for borrowing to become more expensive,” she said.",
                [(W, "Lidia Marsh", "Central Bank of Kessel")],
            ),
            (
                "Analyst Tom Ferro of Kessel Capital said markets expected two more increases.",
                [(S, "Tom Ferro", "Kessel Capital")],
            ),
        ],
    },
    {
        "id": "own-harlan-mills-profit-warning",
        "title": "Harlan Mills issues profit warning as orders slump",
        "title_claims": [(W, "Harlan Mills", "Harlan Mills")],
        "body": [
            (
                "Harlan Mills, the textile maker, warned on Tuesday that full-year profit would be"
                " far below forecasts.",
                [(W, "Harlan Mills", "Harlan Mills")],
            ),
            (
                "Chief executive Rosa Quint said orders from retailers had fallen by a third.",
                [(S, "Rosa Quint", "Harlan Mills")],
            ),
            (
                "Quint said the company could cut up to 400 jobs if demand did not recover.",
                [(W, "Rosa Quint", "Harlan Mills")],
            ),
            (
                "The company denied a report that it was in talks to sell its dyeing plant.",
                [(D, "Harlan Mills", "Harlan Mills")],
            ),
            ("Its shares fell 18 percent.", []),
            (
                "Quint said the firm had opened a new design studio in the spring.",
                [(S, "Rosa Quint", "Harlan Mills")],
            ),
        ],
    },
    {
        "id": "own-dorne-mayor-bribery-plea",
        "title": "Former Dorne mayor pleads not guilty to bribery",
        "title_claims": [(D, "former Dorne mayor", "Piet Lammers")],
        "body": [
            (
                "Piet Lammers, who led the city for nine years, pleaded not guilty to six counts"
                " of bribery in a Dorne court on Thursday.",
                [(D, "Piet Lammers", "Piet Lammers")],
            ),
            (
                "Prosecutors say he took payments from a builder in return for permits.",
                [(A, "Prosecutors", "Dorne prosecutor's office")],
            ),
            (
                "His lawyer, Ines Falk, said Lammers had never received a cent from anyone.",
                [(D, "Ines Falk", "Piet Lammers")],
            ),
            (
                "“My client has always maintained his innocence and looks forward to clearing his"
                " name,” Falk said.",
                [(D, "Ines Falk", "Piet Lammers")],
            ),
            (
                "Falk said the trial was expected to start in the autumn.",
                [(S, "Ines Falk", "Piet Lammers")],
            ),
            (
                "The builder, Marten Holt, admitted the payments last year.",
                [(S, "Marten Holt", "Marten Holt")],
            ),
        ],
    },
    {
        "id": "own-velo-star-denies-story",
        "title": "Cyclist Jana Brill calls doping story 'complete rubbish'",
        "title_claims": [(D, "Jana Brill", "Jana Brill")],
        "body": [
            (
                "Jana Brill, twice winner of the Tour of Kessel, dismissed a newspaper report that"
                " she had missed three tests as a joke.",
                [(D, "Jana Brill", "Jana Brill")],
            ),
            (
                "“I have never heard of any missed test, and nobody from the agency has ever"
                " contacted me,” Brill said.",
                [(D, "Jana Brill", "Jana Brill")],
            ),
            (
                "She said she would race in the national championships next month.",
                [(S, "Jana Brill", "Jana Brill")],
            ),
            (
                "Her team, Velo Arden, said in a statement that the claims were fake news.",
                [(D, "Velo Arden", "Velo Arden")],
            ),
            (
                "The newspaper said it stood by its story.",
                [(S, "newspaper", "newspaper")],
            ),
            (
                "Team manager Olle Dahl said Brill had trained at altitude all winter.",
                [(S, "Olle Dahl", "Velo Arden")],
            ),
        ],
    },
    {
        "id": "own-storm-advice-coastal",
        "title": "Residents of Kessel coast told to leave before storm",
        "body": [
            (
                "The Kessel weather service warned that Storm Imre would bring winds of up to"
                " 160 km/h on Friday.",
                [(W, "Kessel weather service", "Kessel weather service")],
            ),
            (
                "Civil protection chief Arno Veld said people living near the shore should leave"
                " their homes by Thursday evening.",
                [(W, "Arno Veld", "Kessel")],
            ),
            (
                "“Do not wait until the water is at your door,” Veld said.",
                [(W, "Arno Veld", "Kessel")],
            ),
            (
                "He said 40 shelters had been opened in schools and sports halls.",
                [(S, "Arno Veld", "Kessel")],
            ),
            (
                "The service said the storm would weaken over the weekend.",
                [(S, "Kessel weather service", "Kessel weather service")],
            ),
            (
                "Veld said anyone who ignored the order would be putting rescuers at risk.",
                [(W, "Arno Veld", "Kessel")],
            ),
        ],
    },
    {
        "id": "own-syldavia-denies-arms-request",
        "title": "Syldavia says it never asked Borduria for weapons",
        "title_claims": [(D, "Syldavia", "Syldavia")],
        "body": [
            (
                "Syldavia's government on Monday rejected reports that it had sought rockets from"
                " Borduria.",
                [(D, "government", "Syldavia")],
            ),
            (
                "Government spokesman Emil Strand said no such request had been made.",
                [(D, "Emil Strand", "Syldavia")],
            ),
            (
                "“This is a fabrication from start to finish,” Strand said.",
                [(D, "Emil Strand", "Syldavia")],
            ),
            (
                "Strand said Syldavia bought its equipment from its own factories.",
                [(S, "Emil Strand", "Syldavia")],
            ),
            (
                "Borduria's defence ministry accused Syldavia of hiding its purchases.",
                [(A, "defence ministry", "Borduria")],
            ),
            (
                "Strand said the two governments would meet in Geneva next week.",
                [(S, "Emil Strand", "Syldavia")],
            ),
        ],
    },
    {
        "id": "own-water-utility-advisory",
        "title": "Arden water company tells customers to boil tap water",
        "body": [
            (
                "Arden Water urged customers in three districts to boil their tap water after"
                " traces of bacteria were found.",
                [(W, "Arden Water", "Arden Water")],
            ),
            (
                "Operations director Hana Roth said the water was safe for washing but not for"
                " drinking.",
                [(W, "Hana Roth", "Arden Water")],
            ),
            (
                "Roth said the advice would stay in place until tests came back clean.",
                [(S, "Hana Roth", "Arden Water")],
            ),
            (
                "She said the company had replaced a broken valve at its main plant.",
                [(S, "Hana Roth", "Arden Water")],
            ),
            (
                "City councillor Bo Lind accused the company of keeping residents in the dark for"
                " two days.",
                [(A, "Bo Lind", "Bo Lind")],
            ),
            (
                "Arden Water said it had informed the health authority within hours.",
                [(D, "Arden Water", "Arden Water")],
            ),
        ],
    },
    {
        "id": "own-trade-tariff-threat",
        "title": "Kessel threatens tariffs if Syldavia keeps steel subsidies",
        "title_claims": [(W, "Kessel", "Kessel")],
        "body": [
            (
                "Kessel's trade minister, Ulla Berg, said her government would impose duties of"
                " 25 percent on Syldavian steel unless the subsidies ended by June.",
                [(W, "Ulla Berg", "Kessel")],
            ),
            (
                "“Anyone who breaks the rules will pay a heavy price,” Berg said.",
                [(W, "Ulla Berg", "Kessel")],
            ),
            (
                "Berg said trade between the countries had doubled in five years.",
                [(S, "Ulla Berg", "Kessel")],
            ),
            (
                "Syldavia's economy ministry said the subsidies were legal and would stay.",
                [(D, "economy ministry", "Syldavia")],
            ),
            (
                "Berg said talks would continue in Brussels.",
                [(S, "Ulla Berg", "Kessel")],
            ),
        ],
    },
    {
        "id": "own-club-coach-not-leaving",
        "title": "Coach not leaving Arden FC, says club",
        "title_claims": [(D, "Arden FC", "Arden FC")],
        "body": [
            (
                "Arden FC said on Saturday that coach Milo Brandt had not been offered a job by"
                " any other club.",
                [(D, "Arden FC", "Arden FC")],
            ),
            (
                "“Milo is going nowhere,” chairman Frits Hal said.",
                [(D, "Frits Hal", "Arden FC")],
            ),
            (
                "Hal said the club would announce a new stadium sponsor next week.",
                [(S, "Frits Hal", "Arden FC")],
            ),
            (
                "Brandt said his players had worked hard all season.",
                [(S, "Milo Brandt", "Arden FC")],
            ),
            (
                "Brandt said reports of a row with the board were totally untrue.",
                [(D, "Milo Brandt", "Arden FC")],
            ),
        ],
    },
    {
        "id": "own-health-agency-recall",
        "title": "Health agency warns against contaminated baby formula",
        "title_claims": [(W, "Health agency", "Kessel Health Agency")],
        "body": [
            (
                "The Kessel Health Agency told parents to stop using two batches of formula made"
                " by Nutrica.",
                [(W, "Kessel Health Agency", "Kessel Health Agency")],
            ),
            (
                "The agency said the batches might contain salmonella and could make infants"
                " seriously ill.",
                [(W, "Kessel Health Agency", "Kessel Health Agency")],
            ),
            (
                "Nutrica said it had recalled the batches as a precaution.",
                [(S, "Nutrica", "Nutrica")],
            ),
            (
                "A Nutrica spokesman said there was no evidence any child had fallen ill.",
                [(D, "Nutrica spokesman", "Nutrica")],
            ),
            (
                "The agency said it tested 300 products a year.",
                [(S, "Kessel Health Agency", "Kessel Health Agency")],
            ),
        ],
    },
    {
        "id": "own-minister-resignation-rumour",
        "title": "Prime minister not resigning, says spokeswoman",
        "title_claims": [(D, "spokeswoman", "Borduria")],
        "body": [
            (
                "Bordurian Prime Minister Ivo Sand has no plans to step down, his spokeswoman said"
                " on Wednesday.",
                [(D, "spokeswoman", "Borduria")],
            ),
            (
                "Spokeswoman Dana Koss said the rumours were invented by the opposition.",
                [(D, "Dana Koss", "Borduria"), (A, "Dana Koss", "Borduria")],
            ),
            (
                "Koss said Sand would travel to Kessel on Friday.",
                [(S, "Dana Koss", "Borduria")],
            ),
            (
                "Opposition leader Vera Lund said the government had lost its majority.",
                [(S, "Vera Lund", "Vera Lund")],
            ),
            (
                "Lund warned that her party would call a confidence vote if the budget failed.",
                [(W, "Vera Lund", "Vera Lund")],
            ),
        ],
    },
    {
        "id": "own-molvania-dam-dispute",
        "title": "Molvania says it will not stand by as Kessel dams the river",
        "title_claims": [(W, "Molvania", "Molvania")],
        "body": [
            ("Kessel began filling the Upper Drava reservoir in May.", []),
            (
                "Molvanian President Oskar Lenz said his government would not sit on its hands"
                " while the river ran dry.",
                [(W, "Oskar Lenz", "Molvania")],
            ),
            (
                "“Whoever plays with our water is playing with fire,” Lenz told parliament.",
                [(W, "Oskar Lenz", "Molvania")],
            ),
            (
                "Lenz said Molvania would not hesitate to take the dispute to the UN Security"
                " Council.",
                [(W, "Oskar Lenz", "Molvania")],
            ),
            (
                "Kessel's energy minister, Rita Baum, said the dam would not reduce the flow"
                " downstream.",
                [(D, "Rita Baum", "Kessel")],
            ),
            (
                "Baum said the reservoir would supply power to 400,000 homes.",
                [(S, "Rita Baum", "Kessel")],
            ),
            (
                "Lenz said farmers in the south had already lost half their harvest.",
                [(S, "Oskar Lenz", "Molvania")],
            ),
            (
                "He said any country that crossed that line would face the consequences.",
                [(W, "Oskar Lenz", "Molvania")],
            ),
            (
                "Baum said the two governments would hold talks in June.",
                [(S, "Rita Baum", "Kessel")],
            ),
        ],
    },
]
