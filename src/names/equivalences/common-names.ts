/**
 * Common given names and family names in Latin letters, by culture: names so many people bear
 * that a spelling one letter from another of them is more likely that other person's name than
 * a typing mistake (Müller / Möller, Martin / Marvin). Used in scoring only (`attested.ts`),
 * never in prepared forms or keys. Written from general knowledge of the commonest names of
 * each country (roughly the first fifty to a hundred family names, and given names common in
 * the last decades), not from the evaluation sets; diacritics are left out as the cleaning
 * step leaves them out. Spellings of one name are joined by `/` (Thomson/Thompson, Gray/Grey):
 * those are one name written two ways, and stay as alike as their letters are.
 */
export const COMMON_NAMES: Record<string, string> = {
  // Family names
  english: `smith johnson williams brown jones miller davis wilson anderson taylor thomas moore martin
    jackson thomson/thompson white harris clark/clarke lewis robinson walker young allen king wright scott
    green/greene baker adams nelson hill campbell mitchell roberts carter phillips/philips evans turner
    parker collins edwards stewart/stuart morris murphy cook/cooke rogers morgan cooper bailey reed/reid/read
    kelly howard cox ward richardson watson brooks wood james bennett gray/grey hughes price sanders myers
    long ross foster powell jenkins perry russell sullivan bell coleman butler barnes fisher hall walsh ryan
    byrne kennedy lynch murray quinn graham hunter wallace robertson mason hamilton palmer lloyd`,
  german: `muller schmidt/schmitt/schmid schneider fischer weber meyer/meier/mayer/maier wagner becker
    schulz/schulze/schultz/schultze hoffmann/hofmann schafer/schaefer/schaffer koch bauer richter klein
    wolf/wolff schroder schroeder neumann schwarz zimmermann braun kruger krueger hartmann lang/lange
    werner schmitz krause/kraus lehmann kohler koehler herrmann konig koenig walter huber kaiser fuchs
    peters scholz moller weiss/weis jung hahn schubert vogel friedrich keller gunther frank/franke berger
    winkler roth beck lorenz baumann albrecht schuster simon ludwig bohm winter schumacher kramer
    vogt/voigt stein jager`,
  french: `martin bernard thomas petit robert richard durand dubois moreau laurent simon michel
    lefebvre/lefevre leroy roux david bertrand morel fournier girard bonnet dupont lambert fontaine
    rousseau vincent faure andre mercier blanc guerin boyer garnier chevalier francois legrand
    gauthier/gautier perrin robin clement morin nicolas henry roussel mathieu masson marchand duval
    denis dumont lemaire noel dufour meunier brun blanchard giraud joly riviere lucas brunet gaillard
    barbier arnaud gerard roche renard roy leroux colin vidal caron picard roger fabre`,
  spanish: `garcia rodriguez/rodrigues gonzalez/gonzales fernandez/fernandes lopez/lopes martinez
    sanchez/sanches perez/peres gomez/gomes martin jimenez/gimenez ruiz hernandez diaz/dias moreno munoz
    alvarez/alvares romero alonso gutierrez navarro torres dominguez vazquez/vasquez ramos gil ramirez
    serrano blanco molina morales suarez ortega delgado castro ortiz rubio marin sanz nunez iglesias
    medina garrido cortes castillo santos lozano guerrero cano prieto mendez cruz calvo gallego herrera
    marquez leon vidal pena flores cabrera campos vega fuentes carrasco diez reyes caballero nieto
    aguilar pascual santana herrero lorenzo montero hidalgo ibanez ferrer duran santiago benitez
    vargas mora vicente arias rojas silva mendoza contreras guzman salazar rivera espinoza/espinosa
    sandoval`,
  portuguese: `silva santos oliveira souza/sousa rodrigues ferreira alves pereira lima gomes costa
    ribeiro martins carvalho almeida lopes soares fernandes vieira barbosa rocha dias nascimento
    andrade moreira nunes marques machado mendes freitas cardoso ramos goncalves teixeira correia
    pinto`,
  italian: `rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti
    mancini costa giordano rizzo lombardi moretti barbieri fontana santoro mariani rinaldi caruso
    ferrara galli martini leone longo gentile martinelli vitale lombardo serra coppola marchetti parisi
    villa conte ferraro ferri fabbri bianco marini grasso valentini messina sala gatti pellegrini
    palumbo sanna farina rizzi monti cattaneo morelli amato silvestri mazza testa grassi`,
  dutch: `jong jansen/janssen vries berg dijk bakker visser smit/smits meijer/meyer boer mulder groot
    bos vos peters hendriks/hendrikx leeuwen dekker brouwer wit dijkstra graaf meer`,
  nordic: `hansen/hanssen johansen olsen/olson larsen andersen pedersen/petersen nielsen/nilsen/nilsson
    kristiansen/christiansen jensen/jenssen karlsen johnsen eriksen berg haugen hagen jacobsen dahl
    jorgensen halvorsen lund andersson johansson karlsson/carlsson eriksson larsson olsson persson
    svensson gustafsson pettersson jonsson jansson hansson lindberg lindqvist/lindquist lindgren
    christensen sorensen rasmussen madsen kristensen thomsen poulsen moller mortensen`,
  polish: `nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak
    dabrowski kozlowski jankowski mazur wojciechowski kwiatkowski krawczyk kaczmarek piotrowski
    grabowski zajac pawlowski michalski krol wieczorek jablonski wrobel nowakowski majewski olszewski
    stepien malinowski jaworski adamczyk dudek nowicki pawlak gorski witkowski walczak sikora baran
    rutkowski michalak szewczyk ostrowski tomaszewski pietrzak zalewski wroblewski marciniak jasinski
    zawadzki bak jakubowski sadowski duda wlodarczyk wilk chmielewski borkowski sokolowski szczepanski
    sawicki lis kucharski kalinowski wysocki mazurek kubiak maciejewski czarnecki kolodziej urbanski
    kazmierczak sobczak konieczny glowacki zakrzewski krupa wasilewski krajewski adamski laskowski`,
  russian: `ivanov smirnov kuznetsov popov vasiliev/vasilyev petrov sokolov mikhailov novikov
    fedorov/fyodorov morozov volkov alekseev/alexeev lebedev semenov/semyonov egorov/yegorov pavlov
    kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov zaitsev/zaytsev
    soloviev/solovyov borisov yakovlev grigoriev romanov vorobiev sergeev kuzmin frolov aleksandrov
    dmitriev korolev gusev kiselev ilyin maksimov polyakov sorokin vinogradov kovalev belov medvedev
    antonov tarasov zhukov baranov filippov komarov davydov belyaev gerasimov bogdanov osipov sidorov
    matveev titov markov mironov krylov kulikov karpov vlasov melnikov denisov gavrilov tikhonov
    kazakov afanasiev/afanasyev danilov saveliev/savelyev timofeev fomin chernov abramov martynov
    efimov/yefimov fedotov shcherbakov nazarov kalinin isaev/isayev chernyshev bykov maslov rodionov
    konovalov lazarev voronin klimov filatov ponomarev golubev kudryavtsev prokhorov naumov potapov
    zhuravlev ovchinnikov trofimov leonov sobolev ermakov/yermakov kolesnikov goncharov
    emelyanov/yemelyanov nikiforov grachev kotov grishin efremov/yefremov arkhipov gromov kirillov
    malyshev panov moiseev/moiseyev rumyantsev akimov kondratiev/kondratyev biryukov gorbunov anisimov
    eremin/yeremin tikhomirov galkin lukyanov mikheev/mikheyev skvortsov yudin belousov nesterov
    simonov prokofiev/prokofyev kharitonov knyazev tsvetkov`,
  // Azerbaijani family names in the Azerbaijani Latin spelling and the Russian one
  azerbaijani: `mammadov/mamedov aliyev/aliev hasanov/gasanov huseynov/guseynov/guseinov
    guliyev/quliyev/kuliev ismayilov/ismailov hajiyev/gadzhiev/hajiev jafarov/cafarov/dzhafarov
    ahmadov/akhmedov/ahmedov abbasov babayev/babaev rzayev/rzaev musayev/musaev mahmudov
    ibrahimov/ibragimov suleymanov/suleimanov valiyev/veliyev/veliev orujov/orudzhev najafov/nadzhafov
    mustafayev/mustafaev bayramov rahimov/ragimov safarov asadov karimov/kerimov`,
  ukrainian: `shevchenko kovalenko bondarenko tkachenko kravchenko kovalchuk koval oliynyk shevchuk
    polishchuk bondar tkachuk marchenko lysenko rudenko savchenko petrenko moroz melnyk boyko`,
  turkish: `yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic
    aslan cetin kara koc kurt ozkan simsek polat ozcan korkmaz cakir erdogan yavuz can acar aktas
    guler yalcin gunes bozkurt bulut keskin unal turan gul ozer kaplan avci`,
  // Serbian, Croatian and Bosnian family names (đ written dj or d, ć and č written c: the
  // cleaning step leaves the letters without their marks), issue #5's seventh probe.
  'south slavic': `jovanovic petrovic nikolic markovic djordjevic/dordevic stojanovic ilic stankovic
    pavlovic milosevic milovanovic djuric/duric kostic jankovic mitrovic popovic lazic marinkovic
    todorovic zivkovic stefanovic ristic radovanovic savic simic tomic petkovic mirkovic djukic/dukic
    lukic peric milic mitic jovic kovacevic horvat kovacic babic maric juric novak knezevic vukovic
    bozic blazevic grgic pavic radic matic saric hodzic hadzic begic delic mesic`,
  // Albanian family names (ë and ç without their marks); -aj marks other families (Hoxha /
  // Hoxhaj, Berisha / Berishaj).
  albanian: `hoxha hoxhaj berisha berishaj gashi krasniqi shala morina bytyqi kelmendi hasani rama
    xhaferi xhafa thaci haradinaj limaj lika kastrati mustafa ahmeti osmani shehu dervishi kola
    leka meta basha duka gjoka marku prenga`,
  bulgarian: `ivanov georgiev dimitrov petrov nikolov hristov stoyanov todorov iliev atanasov petkov
    angelov vasilev marinov kolev yordanov stefanov mihaylov kostov dimov stoilov radev pavlov
    lazarov tsvetkov kirov borisov zhivkov parvanov`,
  romanian: `popa popescu pop radu dumitru stan stoica gheorghe georgescu matei rusu munteanu ionescu
    constantin mihai ciobanu lungu dinu florea tudor dobre nistor moldovan popovici ene barbu diaconu
    cristea toma`,
  indian: `patel sharma singh kumar gupta shah mehta jain agarwal/agrawal verma reddy rao nair iyer
    menon pillai joshi patil kulkarni deshpande desai chopra kapoor malhotra khanna mehra bhatia sinha
    mishra pandey tiwari dubey yadav chauhan thakur rathore das ghosh sen roy saxena naidu gowda
    shetty hegde bhat pathak trivedi arora sethi ahuja kohli khan ansari siddiqui qureshi`,
  // Given names
  // Ethiopian and Eritrean names: given names, which are also the second name (the father's)
  // and the third (the grandfather's) — no family names. Amharic and Tigrinya forms of one name
  // (Tesfaye / Tesfay) are joined.
  ethiopian: `haile hailu bekele bikila tesfaye/tesfay gebre/ghebre gebru kebede alemu girma mulugeta
    getachew tadesse tekle mekonnen/mekonen tsegaye wolde/welde assefa/asefa negash desta demissie
    ayele shiferaw teshome worku lemma belay abebe dawit yohannes/yohanes berhane berhe kidane
    gebremariam gebremedhin gebreyesus/ghebreyesus gebrehiwot gebreselassie/gebrselassie`,
  // Indonesian names, most of them Javanese: given names and the single names many bear, in
  // today's spelling (the reading of the spelling before 1972 finds Soeharto's). Javanese
  // names pair a man's -o with a woman's -i (Hartono / Hartini, Purwanto / Purwanti): the final
  // vowel makes another name, as in Ethiopian ones.
  indonesian: `budi budiman wahyu wahyudi agus bambang joko slamet hadi sri dewi siti ratna yanti
    hartono hartini hartanto haryanto haryanti purwanto purwanti suryanto suryanti sugiarto
    sugiarti sumarno sumarni suparno suparni sutrisno suharto suharti suhartono sukarno sukarni
    susilo susilowati setiawan setiawati kurniawan kurniawati gunawan hidayat hidayati rahmat
    rahmawati santoso wijaya widodo prasetyo lestari handayani yudhoyono subianto`,
  'western given': `mary maria marta/martha anna/ana/anne/ann hanna/hannah sara/sarah laura lara lisa
    lena lina nina elena emma emily olivia sofia/sophia sophie julia julie lucia lucy carmen rosa
    isabel isabella paula andrea monica/monika claudia carla carlos carlo karl/carl martin marvin
    marco marcus/markus mark/marc mario pablo paolo paul pedro pietro pierre luis louis luca
    lucas/lukas jan jens jonas juan johan/johann hugo diego jose javier jorge manuel miguel michel
    sergio fernando rafael raul ruben andres andre alain jean jacques francois philippe olivier
    julien klaus jurgen wolfgang dieter werner helmut frank jorg sven lars nils erik/eric anders per
    olaf bjorn tomasz piotr pawel krzysztof andrzej marek marcin michal jakub adam wojciech ewa
    agnieszka katarzyna malgorzata joanna magdalena`,
  // Romanian given names: the feminine -ea, -ela of a masculine -ei, -e (Andrei / Andreea,
  // Mihai / Mihaela) is another person, as Ivan / Ivana is.
  'romanian given': `andrei andreea ion ioana mihai mihaela alexandru alexandra gheorghe vasile
    florin florina cristian cristina adrian adriana daniel daniela ionut ionela elena`,
  // Turkish given names; a masculine and a feminine name of one root differ in their ending
  // (Şükrü / Şükran).
  'turkish given': `mehmet mustafa ahmet ali huseyin hasan ibrahim ismail osman yusuf murat emre
    burak kemal cemal cengiz sukru sukran ayse fatma emine hatice zeynep elif ozlem gulsen gulay
    serkan erkan ercan volkan hakan okan orhan`,
  'indian given': `rahul amit rajesh suresh ramesh mahesh sanjay vijay anil sunil ravi arjun arun kiran
    karan rohit sachin deepak manoj vikram anand ashok priya pooja neha anjali sunita anita kavita
    rekha lakshmi`,
};
