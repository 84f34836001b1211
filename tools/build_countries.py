#!/usr/bin/env python3
"""Build newsevents/actors/data/countries.jsonl.

The list of entries comes from pycountry (every ISO 3166-1 entry); names,
aliases, adjectives, demonyms, capitals, Wikidata ids and descriptions come
from the hand-written OVERRIDES table below, which is the source of truth.
Entries that ISO 3166-1 lacks (Kosovo, XKX) are rows of the same table.

Rerunning the script reproduces the file byte for byte, given the same
pycountry version and the same table:

    .venv/bin/python tools/build_countries.py            # write the file
    .venv/bin/python tools/build_countries.py --check    # fail if it differs

The script refuses to write when a pycountry entry has no row in the table,
or when one surface form (alias, adjective, demonym or capital) would point
at two different countries.

Table format: one row per code, fields separated by "|":

    CODE | name | aliases | adjectives | demonyms | capitals | wikidata | descriptions

List fields are separated by ";". In the aliases field an entry starting
with "-" removes a form that would otherwise be taken from pycountry (or
the name itself). pycountry names are only taken when they contain no comma
and no parenthesis ("Korea, Republic of" is useless for matching).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from country_regions import REGIONS  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "newsevents" / "actors" / "data" / "countries.jsonl"

# Forms that must never be an alias of any country: they name more than one
# (both Koreas, both Congos, both Virgin Islands) or are common English words.
FORBIDDEN = {
    "korea",
    "korean",
    "koreans",
    "congo",
    "the congo",
    "congolese",
    "virgin islands",
    "virgin islander",
    "virgin islanders",
    "car",
    "reunion",
    "jersey",
    "male",
    "the valley",
    "cayenne",
    "san jose",
}

# fmt: off
OVERRIDES = r"""
ABW | Aruba | | Aruban | Aruban;Arubans | Oranjestad | |
AFG | Afghanistan | Islamic Emirate of Afghanistan | Afghan | Afghan;Afghans | Kabul | Q889 |
AGO | Angola | | Angolan | Angolan;Angolans | Luanda | Q916 |
AIA | Anguilla | | Anguillan | Anguillan;Anguillans | | |
ALA | Åland Islands | Aland Islands;Åland;Aland | | | Mariehamn | |
ALB | Albania | | Albanian | Albanian;Albanians | Tirana;Tiranë | Q222 |
AND | Andorra | | Andorran | Andorran;Andorrans | Andorra la Vella | Q228 |
ARE | United Arab Emirates | UAE;U.A.E. | Emirati | Emirati;Emiratis | Abu Dhabi | Q878 |
ARG | Argentina | | Argentine;Argentinian | Argentine;Argentines;Argentinian;Argentinians | Buenos Aires | Q414 |
ARM | Armenia | | Armenian | Armenian;Armenians | Yerevan | Q399 |
ASM | American Samoa | | American Samoan | American Samoan;American Samoans | Pago Pago | |
ATA | Antarctica | | | | | |
ATF | French Southern Territories | French Southern and Antarctic Lands | | | | |
ATG | Antigua and Barbuda | Antigua | Antiguan | Antiguan;Antiguans | St. John's;St John's;Saint John's | Q781 |
AUS | Australia | Commonwealth of Australia | Australian | Australian;Australians | Canberra | Q408 |
AUT | Austria | | Austrian | Austrian;Austrians | Vienna | Q40 |
AZE | Azerbaijan | | Azerbaijani;Azeri | Azerbaijani;Azerbaijanis;Azeri;Azeris | Baku | Q227 |
BDI | Burundi | | Burundian | Burundian;Burundians | Gitega;Bujumbura | Q967 |
BEL | Belgium | | Belgian | Belgian;Belgians | | Q31 |
BEN | Benin | | Beninese | Beninese | Porto-Novo;Cotonou | Q962 |
BES | Caribbean Netherlands | Bonaire, Sint Eustatius and Saba;Bonaire;Sint Eustatius | | | Kralendijk | |
BFA | Burkina Faso | Burkina | Burkinabe;Burkinabè | Burkinabe;Burkinabè | Ouagadougou | Q965 |
BGD | Bangladesh | | Bangladeshi | Bangladeshi;Bangladeshis | Dhaka | Q902 |
BGR | Bulgaria | | Bulgarian | Bulgarian;Bulgarians | Sofia | Q219 |
BHR | Bahrain | | Bahraini | Bahraini;Bahrainis | Manama | Q398 |
BHS | Bahamas | The Bahamas | Bahamian | Bahamian;Bahamians | Nassau | Q778 |
BIH | Bosnia and Herzegovina | Bosnia-Herzegovina;Bosnia & Herzegovina;Bosnia;BiH | Bosnian | Bosnian;Bosnians | Sarajevo | Q225 |
BLM | Saint Barthélemy | Saint Barthelemy;St. Barthélemy;St Barts;St. Barts;St Barths;St. Barths | | | Gustavia | |
BLR | Belarus | | Belarusian;Belarussian | Belarusian;Belarusians | Minsk | Q184 |
BLZ | Belize | | Belizean | Belizean;Belizeans | Belmopan | Q242 |
BMU | Bermuda | | Bermudian | Bermudian;Bermudians | | |
BOL | Bolivia | | Bolivian | Bolivian;Bolivians | La Paz | Q750 |
BRA | Brazil | | Brazilian | Brazilian;Brazilians | Brasília;Brasilia | Q155 |
BRB | Barbados | | Barbadian;Bajan | Barbadian;Barbadians;Bajan;Bajans | Bridgetown | Q244 |
BRN | Brunei | Brunei Darussalam | Bruneian | Bruneian;Bruneians | Bandar Seri Begawan | Q921 |
BTN | Bhutan | | Bhutanese | Bhutanese | Thimphu | Q917 |
BVT | Bouvet Island | | | | | |
BWA | Botswana | | Botswanan | Motswana;Batswana | Gaborone | Q963 |
CAF | Central African Republic | | Central African | Central African;Central Africans | Bangui | Q929 |
CAN | Canada | | Canadian | Canadian;Canadians | Ottawa | Q16 |
CCK | Cocos (Keeling) Islands | Cocos Islands;Keeling Islands | | | | |
CHE | Switzerland | | Swiss | Swiss | Bern;Berne | Q39 |
CHL | Chile | | Chilean | Chilean;Chileans | Santiago | Q298 |
CHN | China | PRC;P.R.C.;mainland China | Chinese | Chinese | Beijing;Peking | Q148 |
CIV | Ivory Coast | Côte d'Ivoire;Cote d'Ivoire;Côte d’Ivoire | Ivorian | Ivorian;Ivorians | Yamoussoukro;Abidjan | Q1008 |
CMR | Cameroon | | Cameroonian | Cameroonian;Cameroonians | Yaoundé;Yaounde | Q1009 |
COD | Democratic Republic of the Congo | Democratic Republic of Congo;DR Congo;D.R. Congo;DRC;D.R.C.;Congo-Kinshasa;Congo Kinshasa | | | Kinshasa | Q974 |
COG | Republic of the Congo | Republic of Congo;Congo-Brazzaville;Congo Brazzaville | | | Brazzaville | Q971 |
COK | Cook Islands | | | Cook Islander;Cook Islanders | Avarua | |
COL | Colombia | | Colombian | Colombian;Colombians | Bogotá;Bogota | Q739 |
COM | Comoros | | Comorian | Comorian;Comorians | Moroni | Q970 |
CPV | Cape Verde | Cabo Verde | Cape Verdean;Cabo Verdean | Cape Verdean;Cape Verdeans;Cabo Verdean;Cabo Verdeans | Praia | Q1011 |
CRI | Costa Rica | | Costa Rican | Costa Rican;Costa Ricans | | Q800 |
CUB | Cuba | | Cuban | Cuban;Cubans | Havana | Q241 |
CUW | Curaçao | Curacao | | | Willemstad | |
CXR | Christmas Island | | | | | |
CYM | Cayman Islands | Caymans | Caymanian | Caymanian;Caymanians | George Town | |
CYP | Cyprus | | Cypriot | Cypriot;Cypriots | Nicosia | Q229 |
CZE | Czech Republic | Czechia | Czech | Czech;Czechs | Prague | Q213 |
DEU | Germany | | German | German;Germans | Berlin | Q183 |
DJI | Djibouti | | Djiboutian | Djiboutian;Djiboutians | Djibouti City | Q977 |
DMA | Dominica | | | | Roseau | Q784 |
DNK | Denmark | | Danish | Dane;Danes | Copenhagen | Q35 |
DOM | Dominican Republic | | Dominican | Dominican;Dominicans | Santo Domingo | Q786 |
DZA | Algeria | | Algerian | Algerian;Algerians | Algiers | Q262 |
ECU | Ecuador | | Ecuadorian;Ecuadorean | Ecuadorian;Ecuadorians;Ecuadorean;Ecuadoreans | Quito | Q736 |
EGY | Egypt | | Egyptian | Egyptian;Egyptians | Cairo | Q79 |
ERI | Eritrea | | Eritrean | Eritrean;Eritreans | Asmara | Q986 |
ESH | Western Sahara | Sahrawi Arab Democratic Republic;Sahrawi Republic | Sahrawi;Saharawi | Sahrawi;Sahrawis;Saharawi;Saharawis | | Q6250 |
ESP | Spain | | Spanish | Spaniard;Spaniards | Madrid | Q29 |
EST | Estonia | | Estonian | Estonian;Estonians | Tallinn | Q191 |
ETH | Ethiopia | | Ethiopian | Ethiopian;Ethiopians | Addis Ababa | Q115 |
FIN | Finland | | Finnish | Finn;Finns | Helsinki | Q33 |
FJI | Fiji | | Fijian | Fijian;Fijians | Suva | Q712 |
FLK | Falkland Islands | Falklands;Malvinas;Islas Malvinas;Malvinas Islands | | Falkland Islander;Falkland Islanders | | |
FRA | France | | French | French;Frenchman;Frenchmen;Frenchwoman;Frenchwomen | Paris | Q142 |
FRO | Faroe Islands | Faroes;Faeroe Islands;Faeroes | Faroese | Faroese | Tórshavn;Torshavn | |
FSM | Micronesia | | Micronesian | Micronesian;Micronesians | Palikir | Q702 |
GAB | Gabon | | Gabonese | Gabonese | Libreville | Q1000 |
GBR | United Kingdom | UK;U.K.;Britain;Great Britain;England;Scotland;Wales;Northern Ireland | British;UK;U.K. | British;Briton;Britons | London | Q145 |
GEO | Georgia | | Georgian | Georgian;Georgians | Tbilisi | Q230 |
GGY | Guernsey | Bailiwick of Guernsey | | | St Peter Port;St. Peter Port;Saint Peter Port | |
GHA | Ghana | | Ghanaian | Ghanaian;Ghanaians | Accra | Q117 |
GIB | Gibraltar | | Gibraltarian | Gibraltarian;Gibraltarians | | |
GIN | Guinea | Guinea-Conakry | Guinean | Guinean;Guineans | Conakry | Q1006 |
GLP | Guadeloupe | | Guadeloupean | Guadeloupean;Guadeloupeans | Basse-Terre | |
GMB | Gambia | The Gambia | Gambian | Gambian;Gambians | Banjul | Q1005 |
GNB | Guinea-Bissau | Guinea Bissau | Bissau-Guinean | Bissau-Guinean;Bissau-Guineans | Bissau | Q1007 |
GNQ | Equatorial Guinea | | Equatorial Guinean;Equatoguinean | Equatorial Guinean;Equatorial Guineans;Equatoguinean;Equatoguineans | Malabo | Q983 |
GRC | Greece | | Greek | Greek;Greeks | Athens | Q41 |
GRD | Grenada | | Grenadian | Grenadian;Grenadians | St. George's;St George's;Saint George's | Q769 |
GRL | Greenland | | Greenlandic | Greenlander;Greenlanders | Nuuk | Q223 |
GTM | Guatemala | | Guatemalan | Guatemalan;Guatemalans | Guatemala City | Q774 |
GUF | French Guiana | | French Guianese | French Guianese | | |
GUM | Guam | | Guamanian | Guamanian;Guamanians | Hagåtña;Hagatna | |
GUY | Guyana | | Guyanese | Guyanese | Georgetown | Q734 |
HKG | Hong Kong | Hong Kong SAR | Hong Kong | Hong Konger;Hong Kongers;Hongkonger;Hongkongers | | Q8646 |
HMD | Heard Island and McDonald Islands | Heard Island;McDonald Islands | | | | |
HND | Honduras | | Honduran | Honduran;Hondurans | Tegucigalpa | Q783 |
HRV | Croatia | | Croatian | Croat;Croats;Croatian;Croatians | Zagreb | Q224 |
HTI | Haiti | | Haitian | Haitian;Haitians | Port-au-Prince | Q790 |
HUN | Hungary | | Hungarian | Hungarian;Hungarians | Budapest | Q28 |
IDN | Indonesia | | Indonesian | Indonesian;Indonesians | Jakarta | Q252 |
IMN | Isle of Man | | Manx | Manx | | |
IND | India | | Indian | Indian;Indians | New Delhi | Q668 |
IOT | British Indian Ocean Territory | Chagos Islands;Chagos Archipelago;Diego Garcia | Chagossian | Chagossian;Chagossians | | |
IRL | Ireland | Republic of Ireland;Éire | Irish | Irish;Irishman;Irishmen;Irishwoman;Irishwomen | Dublin | Q27 |
IRN | Iran | | Iranian | Iranian;Iranians | Tehran;Teheran | Q794 | the Islamic Republic
IRQ | Iraq | | Iraqi | Iraqi;Iraqis | Baghdad | Q796 |
ISL | Iceland | | Icelandic | Icelander;Icelanders | Reykjavik;Reykjavík | Q189 |
ISR | Israel | | Israeli | Israeli;Israelis | Jerusalem | Q801 | the Jewish state
ITA | Italy | | Italian | Italian;Italians | Rome | Q38 |
JAM | Jamaica | | Jamaican | Jamaican;Jamaicans | Kingston | Q766 |
JEY | Jersey | Bailiwick of Jersey;-Jersey | | | St Helier;St. Helier;Saint Helier | |
JOR | Jordan | | Jordanian | Jordanian;Jordanians | Amman | Q810 |
JPN | Japan | | Japanese | Japanese | Tokyo | Q17 |
KAZ | Kazakhstan | | Kazakh;Kazakhstani | Kazakh;Kazakhs;Kazakhstani;Kazakhstanis | Astana;Nur-Sultan | Q232 |
KEN | Kenya | | Kenyan | Kenyan;Kenyans | Nairobi | Q114 |
KGZ | Kyrgyzstan | | Kyrgyz;Kyrgyzstani | Kyrgyz;Kyrgyzstani;Kyrgyzstanis | Bishkek | Q813 |
KHM | Cambodia | | Cambodian | Cambodian;Cambodians | Phnom Penh | Q424 |
KIR | Kiribati | | I-Kiribati | I-Kiribati | Tarawa;South Tarawa | Q710 |
KNA | Saint Kitts and Nevis | St Kitts and Nevis;St. Kitts and Nevis;Saint Kitts;St Kitts;St. Kitts | Kittitian;Nevisian | Kittitian;Kittitians;Nevisian;Nevisians | Basseterre | Q763 |
KOR | South Korea | Republic of Korea;ROK;S. Korea | South Korean | South Korean;South Koreans | Seoul | Q884 |
KWT | Kuwait | | Kuwaiti | Kuwaiti;Kuwaitis | Kuwait City | Q817 |
LAO | Laos | Lao PDR | Laotian;Lao | Laotian;Laotians;Lao | Vientiane | Q819 |
LBN | Lebanon | | Lebanese | Lebanese | Beirut | Q822 |
LBR | Liberia | | Liberian | Liberian;Liberians | Monrovia | Q1014 |
LBY | Libya | | Libyan | Libyan;Libyans | Tripoli | Q1016 |
LCA | Saint Lucia | St Lucia;St. Lucia | Saint Lucian | Saint Lucian;Saint Lucians | Castries | Q760 |
LIE | Liechtenstein | | | Liechtensteiner;Liechtensteiners | Vaduz | Q347 |
LKA | Sri Lanka | | Sri Lankan | Sri Lankan;Sri Lankans | Colombo | Q854 |
LSO | Lesotho | | Basotho | Mosotho;Basotho | Maseru | Q1013 |
LTU | Lithuania | | Lithuanian | Lithuanian;Lithuanians | Vilnius | Q37 |
LUX | Luxembourg | | Luxembourgish | Luxembourger;Luxembourgers | Luxembourg City | Q32 |
LVA | Latvia | | Latvian | Latvian;Latvians | Riga | Q211 |
MAC | Macau | Macao;Macau SAR;Macao SAR | Macanese | Macanese | | |
MAF | Saint Martin | St. Martin;St Martin;Collectivity of Saint Martin | | | Marigot | |
MAR | Morocco | | Moroccan | Moroccan;Moroccans | Rabat | Q1028 |
MCO | Monaco | | Monegasque;Monégasque | Monegasque;Monegasques | | Q235 |
MDA | Moldova | | Moldovan | Moldovan;Moldovans | Chisinau;Chișinău;Chişinău | Q217 |
MDG | Madagascar | | Malagasy | Malagasy | Antananarivo | Q1019 |
MDV | Maldives | The Maldives | Maldivian | Maldivian;Maldivians | | Q826 |
MEX | Mexico | | Mexican | Mexican;Mexicans | Mexico City | Q96 |
MHL | Marshall Islands | | Marshallese | Marshallese | Majuro | Q709 |
MKD | North Macedonia | Macedonia;Former Yugoslav Republic of Macedonia;FYR Macedonia;FYROM | Macedonian;North Macedonian | Macedonian;Macedonians;North Macedonian;North Macedonians | Skopje | Q221 |
MLI | Mali | | Malian | Malian;Malians | Bamako | Q912 |
MLT | Malta | | Maltese | Maltese | Valletta | Q233 |
MMR | Myanmar | Burma | Burmese | Burmese | Naypyidaw;Naypyitaw;Nay Pyi Taw | Q836 |
MNE | Montenegro | | Montenegrin | Montenegrin;Montenegrins | Podgorica | Q236 |
MNG | Mongolia | | Mongolian | Mongolian;Mongolians | Ulaanbaatar;Ulan Bator | Q711 |
MNP | Northern Mariana Islands | Northern Marianas | | | Saipan | |
MOZ | Mozambique | | Mozambican | Mozambican;Mozambicans | Maputo | Q1029 |
MRT | Mauritania | | Mauritanian | Mauritanian;Mauritanians | Nouakchott | Q1025 |
MSR | Montserrat | | Montserratian | Montserratian;Montserratians | | |
MTQ | Martinique | | Martinican | Martinican;Martinicans | Fort-de-France | |
MUS | Mauritius | | Mauritian | Mauritian;Mauritians | Port Louis | Q1027 |
MWI | Malawi | | Malawian | Malawian;Malawians | Lilongwe | Q1020 |
MYS | Malaysia | | Malaysian | Malaysian;Malaysians | Kuala Lumpur;Putrajaya | Q833 |
MYT | Mayotte | | Mahoran | Mahoran;Mahorans | Mamoudzou | |
NAM | Namibia | | Namibian | Namibian;Namibians | Windhoek | Q1030 |
NCL | New Caledonia | | New Caledonian | New Caledonian;New Caledonians | Nouméa;Noumea | |
NER | Niger | | Nigerien | Nigerien;Nigeriens | Niamey | Q1032 |
NFK | Norfolk Island | | | Norfolk Islander;Norfolk Islanders | | |
NGA | Nigeria | Niger Delta | Nigerian | Nigerian;Nigerians | Abuja | Q1033 |
NIC | Nicaragua | | Nicaraguan | Nicaraguan;Nicaraguans | Managua | Q811 |
NIU | Niue | | Niuean | Niuean;Niueans | Alofi | |
NLD | Netherlands | the Netherlands | Dutch | Dutch;Dutchman;Dutchmen;Dutchwoman;Dutchwomen | Amsterdam;The Hague | Q55 |
NOR | Norway | | Norwegian | Norwegian;Norwegians | Oslo | Q20 |
NPL | Nepal | | Nepali;Nepalese | Nepali;Nepalis;Nepalese | Kathmandu | Q837 |
NRU | Nauru | | Nauruan | Nauruan;Nauruans | Yaren | Q697 |
NZL | New Zealand | NZ;Aotearoa | New Zealand | New Zealander;New Zealanders | Wellington | Q664 |
OMN | Oman | | Omani | Omani;Omanis | Muscat | Q842 |
PAK | Pakistan | | Pakistani | Pakistani;Pakistanis | Islamabad | Q843 |
PAN | Panama | | Panamanian | Panamanian;Panamanians | Panama City | Q804 |
PCN | Pitcairn Islands | Pitcairn;Pitcairn Island | | Pitcairn Islander;Pitcairn Islanders | Adamstown | |
PER | Peru | | Peruvian | Peruvian;Peruvians | Lima | Q419 |
PHL | Philippines | The Philippines | Philippine;Filipino | Filipino;Filipinos;Filipina;Filipinas | Manila | Q928 |
PLW | Palau | | Palauan | Palauan;Palauans | Ngerulmud | Q695 |
PNG | Papua New Guinea | | Papua New Guinean | Papua New Guinean;Papua New Guineans | Port Moresby | Q691 |
POL | Poland | | Polish | Poles | Warsaw | Q36 |
PRI | Puerto Rico | | Puerto Rican | Puerto Rican;Puerto Ricans | San Juan | Q1183 |
PRK | North Korea | N. Korea;DPRK;D.P.R.K. | North Korean | North Korean;North Koreans | Pyongyang | Q423 | the hermit kingdom;the hermit regime;the reclusive state
PRT | Portugal | | Portuguese | Portuguese | Lisbon | Q45 |
PRY | Paraguay | | Paraguayan | Paraguayan;Paraguayans | Asunción;Asuncion | Q733 |
PSE | Palestine | Palestinian territories;occupied Palestinian territories;Occupied Palestinian Territory;West Bank;Gaza Strip;Gaza | Palestinian | Palestinian;Palestinians | Ramallah | Q219060 |
PYF | French Polynesia | Tahiti | French Polynesian;Tahitian | French Polynesian;French Polynesians;Tahitian;Tahitians | Papeete | |
QAT | Qatar | | Qatari | Qatari;Qataris | Doha | Q846 |
REU | Réunion | La Réunion;Reunion Island | | | | |
ROU | Romania | | Romanian | Romanian;Romanians | Bucharest | Q218 |
RUS | Russia | | Russian | Russian;Russians | Moscow | Q159 |
RWA | Rwanda | | Rwandan | Rwandan;Rwandans | Kigali | Q1037 |
SAU | Saudi Arabia | KSA | Saudi | Saudi;Saudis | Riyadh | Q851 |
SDN | Sudan | | Sudanese | Sudanese | Khartoum;Port Sudan | Q1049 |
SEN | Senegal | | Senegalese | Senegalese | Dakar | Q1041 |
SGP | Singapore | | Singaporean | Singaporean;Singaporeans | | Q334 |
SGS | South Georgia and the South Sandwich Islands | South Georgia;South Sandwich Islands | | | | |
SHN | Saint Helena | Saint Helena, Ascension and Tristan da Cunha;St Helena;St. Helena;Ascension Island;Tristan da Cunha | Saint Helenian | Saint Helenian;Saint Helenians | | |
SJM | Svalbard and Jan Mayen | Svalbard;Jan Mayen | | | Longyearbyen | |
SLB | Solomon Islands | Solomons | | Solomon Islander;Solomon Islanders | Honiara | Q685 |
SLE | Sierra Leone | | Sierra Leonean | Sierra Leonean;Sierra Leoneans | Freetown | Q1044 |
SLV | El Salvador | | Salvadoran;Salvadorean | Salvadoran;Salvadorans;Salvadorean;Salvadoreans | San Salvador | Q792 |
SMR | San Marino | | Sammarinese | Sammarinese | | Q238 |
SOM | Somalia | | Somali | Somali;Somalis | Mogadishu | Q1045 |
SPM | Saint Pierre and Miquelon | St Pierre and Miquelon;St. Pierre and Miquelon | | | Saint-Pierre | |
SRB | Serbia | | Serbian | Serb;Serbs;Serbian;Serbians | Belgrade | Q403 |
SSD | South Sudan | | South Sudanese | South Sudanese | Juba | Q958 |
STP | São Tomé and Príncipe | Sao Tome and Principe | | | São Tomé;Sao Tome | Q1039 |
SUR | Suriname | Surinam | Surinamese | Surinamese | Paramaribo | Q730 |
SVK | Slovakia | | Slovak;Slovakian | Slovak;Slovaks | Bratislava | Q214 |
SVN | Slovenia | | Slovenian;Slovene | Slovenian;Slovenians;Slovene;Slovenes | Ljubljana | Q215 |
SWE | Sweden | | Swedish | Swede;Swedes | Stockholm | Q34 |
SWZ | Eswatini | Swaziland | Swazi | Swazi;Swazis | Mbabane;Lobamba | Q1050 |
SXM | Sint Maarten | St. Maarten;St Maarten | | | Philipsburg | |
SYC | Seychelles | The Seychelles | Seychellois | Seychellois | | Q1042 |
SYR | Syria | | Syrian | Syrian;Syrians | Damascus | Q858 |
TCA | Turks and Caicos Islands | Turks and Caicos | | | Cockburn Town | |
TCD | Chad | | Chadian | Chadian;Chadians | N'Djamena;Ndjamena | Q657 |
TGO | Togo | | Togolese | Togolese | Lomé;Lome | Q945 |
THA | Thailand | | Thai | Thai;Thais | Bangkok | Q869 |
TJK | Tajikistan | | Tajik;Tajikistani | Tajik;Tajiks;Tajikistani;Tajikistanis | Dushanbe | Q863 |
TKL | Tokelau | | Tokelauan | Tokelauan;Tokelauans | | |
TKM | Turkmenistan | | Turkmen | Turkmen | Ashgabat | Q874 |
TLS | East Timor | Timor-Leste;Timor Leste | East Timorese;Timorese | East Timorese;Timorese | Dili | Q574 |
TON | Tonga | | Tongan | Tongan;Tongans | Nuku'alofa;Nukuʻalofa | Q678 |
TTO | Trinidad and Tobago | Trinidad | Trinidadian;Tobagonian | Trinidadian;Trinidadians;Tobagonian;Tobagonians | Port of Spain;Port-of-Spain | Q754 |
TUN | Tunisia | | Tunisian | Tunisian;Tunisians | Tunis | Q948 |
TUR | Turkey | Türkiye;Turkiye;Republic of Turkey | Turkish | Turk;Turks | Ankara | Q43 |
TUV | Tuvalu | | Tuvaluan | Tuvaluan;Tuvaluans | Funafuti | Q672 |
TWN | Taiwan | Republic of China;ROC;R.O.C.;Chinese Taipei | Taiwanese | Taiwanese | Taipei | Q865 | the self-ruled island;the self-governed island;the self-governing island;the democratically governed island
TZA | Tanzania | | Tanzanian | Tanzanian;Tanzanians | Dodoma;Dar es Salaam | Q924 |
UGA | Uganda | | Ugandan | Ugandan;Ugandans | Kampala | Q1036 |
UKR | Ukraine | | Ukrainian | Ukrainian;Ukrainians | Kyiv;Kiev | Q212 |
UMI | United States Minor Outlying Islands | U.S. Minor Outlying Islands;US Minor Outlying Islands | | | | |
URY | Uruguay | | Uruguayan | Uruguayan;Uruguayans | Montevideo | Q77 |
USA | United States | US;U.S.;USA;U.S.A.;America | American;US;U.S. | American;Americans | Washington;Washington, D.C.;Washington D.C.;Washington DC | Q30 |
UZB | Uzbekistan | | Uzbek;Uzbekistani | Uzbek;Uzbeks;Uzbekistani;Uzbekistanis | Tashkent | Q265 |
VAT | Vatican City | Holy See;Vatican;Vatican City State | Vatican | | | Q237 |
VCT | Saint Vincent and the Grenadines | St Vincent and the Grenadines;St. Vincent and the Grenadines;Saint Vincent;St Vincent;St. Vincent | Vincentian | Vincentian;Vincentians | Kingstown | Q757 |
VEN | Venezuela | | Venezuelan | Venezuelan;Venezuelans | Caracas | Q717 |
VGB | British Virgin Islands | BVI | | | Road Town | |
VIR | U.S. Virgin Islands | US Virgin Islands;United States Virgin Islands;USVI | | | Charlotte Amalie | |
VNM | Vietnam | Viet Nam;Socialist Republic of Vietnam | Vietnamese | Vietnamese | Hanoi | Q881 |
VUT | Vanuatu | | Ni-Vanuatu | Ni-Vanuatu | Port Vila | Q686 |
WLF | Wallis and Futuna | | | | Mata-Utu | |
WSM | Samoa | | Samoan | Samoan;Samoans | Apia | Q683 |
SUN | Soviet Union | USSR;U.S.S.R.;Union of Soviet Socialist Republics | Soviet | Soviets | | |
YUG | Yugoslavia | Socialist Federal Republic of Yugoslavia;Federal Republic of Yugoslavia | Yugoslav;Yugoslavian | Yugoslavs;Yugoslavians | | |
CSK | Czechoslovakia | Czechoslovak Socialist Republic | Czechoslovak;Czechoslovakian | Czechoslovaks;Czechoslovakians | | |
DDR | East Germany | German Democratic Republic;GDR | East German | East Germans | East Berlin | |
XKX | Kosovo | Republic of Kosovo | Kosovar;Kosovan | Kosovar;Kosovars;Kosovan;Kosovans | Pristina;Prishtina;Priština | Q1246 |
YEM | Yemen | | Yemeni | Yemeni;Yemenis | Sanaa;Sana'a;Aden | Q805 |
ZAF | South Africa | RSA | South African | South African;South Africans | Pretoria | Q258 |
ZMB | Zambia | | Zambian | Zambian;Zambians | Lusaka | Q953 |
ZWE | Zimbabwe | | Zimbabwean | Zimbabwean;Zimbabweans | Harare | Q954 |
"""
# fmt: on

# Codes in OVERRIDES that ISO 3166-1 does not have (user-assigned codes).
# Rows outside ISO 3166-1: Kosovo, and dissolved states under their former ISO 3166-1
# alpha-3 codes (ISO 3166-3), for older news ("the Soviet Union", "East Germany").
NON_ISO = {"XKX", "SUN", "YUG", "CSK", "DDR"}


def _split(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def parse_overrides(text: str = OVERRIDES) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for lineno, line in enumerate(text.strip().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 8:
            raise SystemExit(
                f"OVERRIDES line {lineno}: expected 8 fields, got {len(parts)}: {line!r}"
            )
        code, name, aliases, adjs, dems, caps, wd, descs = parts
        if code in rows:
            raise SystemExit(f"OVERRIDES line {lineno}: duplicate code {code}")
        rows[code] = {
            "name": name,
            "aliases": _split(aliases),
            "adjectives": _split(adjs),
            "demonyms": _split(dems),
            "capitals": _split(caps),
            "wikidata": wd or None,
            "descriptions": _split(descs),
        }
    return rows


def fold(form: str) -> str:
    """Matching key: casefolded, accents stripped, curly apostrophes made straight.

    Collisions and FORBIDDEN are checked on this key, so that a matcher that
    folds accents ("Réunion" -> "reunion") cannot create new clashes.
    """
    form = form.replace("\u2019", "'").replace("\u02bb", "'")
    decomposed = unicodedata.normalize("NFKD", form.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _usable(form: str | None) -> str | None:
    """A pycountry name usable as an alias, or None."""
    if not form or "," in form or "(" in form:
        return None
    if form.lower().startswith("the "):
        form = form[4:]
    return form


def _dedup(forms: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for f in forms:
        k = f.casefold()  # keep accent and apostrophe variants: not every matcher folds
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def build_entry(code: str, row: dict, iso=None) -> dict:
    drop = {fold(a[1:]) for a in row["aliases"] if a.startswith("-")}
    candidates = [row["name"]]
    if iso is not None:
        for attr in ("common_name", "name", "official_name"):
            f = _usable(getattr(iso, attr, None))
            if f:
                candidates.append(f)
    candidates += [a for a in row["aliases"] if not a.startswith("-")]
    aliases = [a for a in _dedup(candidates) if fold(a) not in drop and fold(a) not in FORBIDDEN]
    return {
        "entity": f"country:{code}",
        "kind": "country",
        "code": code,
        "country": code,
        "sector": None,
        "name": row["name"],
        "wikidata": row["wikidata"],
        "aliases": aliases,
        "adjectives": _dedup(row["adjectives"]),
        "demonyms": _dedup(row["demonyms"]),
        "capitals": _dedup(row["capitals"]),
        "descriptions": _dedup(row["descriptions"]),
    }


def build() -> list[dict]:
    rows = parse_overrides()
    iso_by_code = {c.alpha_3: c for c in pycountry.countries}
    missing = sorted(set(iso_by_code) - set(rows))
    if missing:
        raise SystemExit(f"no OVERRIDES row for ISO codes: {', '.join(missing)}")
    unknown = sorted(set(rows) - set(iso_by_code) - NON_ISO)
    if unknown:
        raise SystemExit(
            f"OVERRIDES rows not in ISO 3166-1 and not in NON_ISO: {', '.join(unknown)}"
        )
    entries = [build_entry(code, rows[code], iso_by_code.get(code)) for code in sorted(rows)]
    for entry in entries:
        for field, forms in REGIONS.get(entry["code"], {}).items():
            entry[field] = _dedup(entry[field] + list(forms))
    check_collisions(entries)
    return entries


def check_collisions(entries: list[dict]) -> None:
    """Fail if one surface form points at two different countries."""
    owner: dict[str, str] = {}
    problems = []
    for e in entries:
        for field in ("aliases", "adjectives", "demonyms", "capitals", "descriptions"):
            for form in e[field]:
                k = fold(form)
                if k in FORBIDDEN:
                    problems.append(f"{e['code']}: forbidden form {form!r} in {field}")
                prev = owner.setdefault(k, e["code"])
                if prev != e["code"]:
                    problems.append(f"{form!r} is used by both {prev} and {e['code']}")
    if problems:
        raise SystemExit("surface-form problems:\n  " + "\n  ".join(problems))


def render(entries: list[dict]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the file is out of date"
    )
    args = ap.parse_args(argv)
    text = render(build())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; rerun tools/build_countries.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} entries to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
